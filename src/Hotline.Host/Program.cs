using System.Text;
using Hotline.Host;

// stdout carries the protocol: UTF-8 without a BOM, buffered, flushed by the commands when they catch up.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16) { AutoFlush = false, NewLine = "\n" };
using var stdin = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true, 1 << 16);
int exit = HotlineCli.Run(args, stdin, stdout, Console.Error);
stdout.Flush();
return exit;

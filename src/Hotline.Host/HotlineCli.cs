using System.CommandLine;
using Hotline.Host.Commands;


namespace Hotline.Host;

/// <summary>The <c>hotline</c> command line: the composition root of the host.</summary>
internal static class HotlineCli
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for unusable arguments or an unreadable or invalid input file (spec §1).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when the journal cannot be written (e.g. a full disk): what was printed is durable, the rest was not applied.</summary>
    public const int JournalFailed = 3;

    public static RootCommand Build(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("hotline — ticket routing and SLA engine for 12345 government-service hotlines.");
        root.Subcommands.Add(DemoCommand.Create(stdout, stderr));
        root.Subcommands.Add(RunCommand.Create(stdin, stdout, stderr));
        root.Subcommands.Add(CalendarCommand.Create(stdout, stderr));
        root.Subcommands.Add(CatalogCommand.Create(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Create(stderr));
        root.Subcommands.Add(BenchCommand.Create(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Create(stdout, stderr));
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, TextReader.Null, stdout, stderr);

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdin, stdout, stderr);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // Unusable arguments (spec §1): exit 2, one line on stderr naming what is wrong, nothing on stdout.
            var path = new List<string> { "hotline" };
            for (var r = result.CommandResult; r is not null && r.Command != root; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            {
                path.Insert(1, r.Command.Name);
            }

            var problems = result.Errors.Select(e => e.Message.TrimEnd('.'));
            stderr.WriteLine($"hotline: {string.Join("; ", problems)} (see '{string.Join(' ', path)} --help')");
            return BadInput;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return result.Invoke(config);
    }
}

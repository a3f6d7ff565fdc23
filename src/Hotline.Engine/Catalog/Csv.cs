using System.Text;

namespace Hotline.Engine.Catalog;

/// <summary>
/// A small RFC 4180 reader and writer for the catalog's spreadsheet form: fields separated by commas,
/// a field quoted with <c>"</c> when it holds a comma, a quote or a line break, a quote inside a quoted
/// field doubled. Lines may end with CRLF or LF; a UTF-8 byte-order mark is skipped.
/// </summary>
internal static class Csv
{
    /// <summary>One record and the physical line it starts on (1-based).</summary>
    internal readonly record struct Record(int Line, string[] Fields);

    /// <summary>
    /// Reads every record. Blank lines are skipped. A problem (an unterminated quote, text after a
    /// closing quote) is reported through <paramref name="problems"/> with its line, and reading goes on.
    /// </summary>
    public static List<Record> Read(TextReader reader, string file, List<string> problems)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool quoted = false;        // inside a quoted field
        bool afterQuote = false;    // a quoted field just closed; only a separator may follow
        bool fieldStarted = false;  // the current record has content (so it is not a blank line)
        bool badAfterQuote = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            afterQuote = false;
        }

        void EndRecord()
        {
            if (fieldStarted || fields.Count > 0)
            {
                EndField();
                records.Add(new Record(recordLine, [.. fields]));
            }

            fields.Clear();
            field.Clear();
            fieldStarted = false;
            afterQuote = false;
            badAfterQuote = false;
        }

        int c;
        bool first = true;
        while ((c = reader.Read()) >= 0)
        {
            if (first)
            {
                first = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }

            char ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    fieldStarted = true;
                    EndField();
                    break;
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '"' when field.Length == 0 && !afterQuote:
                    quoted = true;
                    fieldStarted = true;
                    break;
                default:
                    if (afterQuote && !badAfterQuote)
                    {
                        problems.Add($"{file} line {line}: unexpected text after a closing quote; a quote inside a field must be doubled (\"\")");
                        badAfterQuote = true;
                    }

                    fieldStarted = true;
                    field.Append(ch);
                    break;
            }
        }

        if (quoted)
        {
            problems.Add($"{file} line {recordLine}: a quoted field is never closed");
        }

        EndRecord();
        return records;
    }

    /// <summary>Writes one record, quoting the fields that need it, ended by CRLF (RFC 4180).</summary>
    public static void WriteRecord(TextWriter writer, params ReadOnlySpan<string?> fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var value = fields[i] ?? string.Empty;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(value);
            }
        }

        writer.Write("\r\n");
    }
}

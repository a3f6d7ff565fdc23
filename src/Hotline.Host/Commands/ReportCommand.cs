using System.CommandLine;
using System.Text;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Journal;
using Hotline.Engine.Profiles;
using Hotline.Host.Reports;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline report</c>: the §6 report of a stopped data directory as JSON, or the monthly bulletin
/// (月度通报) as one self-contained HTML file (Xiangfen 2022 art. 18; Changsha 2020 arts. 36–37;
/// Zhongshan 2024 arts. 26–29).
/// </summary>
/// <remarks>
/// Every problem — bad arguments, no such directory, a directory in use — is one line on stderr and
/// exit 2. The options are read as plain strings and checked here, so that parse errors too exit 2.
/// </remarks>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string?>("--data") { Description = "The data directory of a stopped `hotline run --data DIR` (required)." };
        var month = new Option<string?>("--month") { Description = "The month to report, e.g. 2026-03, midnight to midnight in the profile's zone (default: the month of the engine clock, i.e. of the last event)." };
        var from = new Option<string?>("--from") { Description = "Instead of --month: the window's start, ISO-8601 with offset (inclusive)." };
        var to = new Option<string?>("--to") { Description = "Instead of --month: the window's end, ISO-8601 with offset (exclusive)." };
        var unit = new Option<string?>("--unit") { Description = "Report on this unit only." };
        var format = new Option<string?>("--format") { Description = "json (default): the report object of spec §6 on stdout; html: the monthly bulletin as a file." };
        var output = new Option<string?>("--out") { Description = "Where to write: the bulletin file (default hotline-bulletin-YYYY-MM.html in the current folder), or the JSON instead of stdout." };
        var catalog = new Option<string?>("--catalog") { Description = "A catalog to take unit, category and region names from for the bulletin (names only; the counts come from the data directory)." };
        var command = new Command("report", """
            Reports on a stopped data directory: the counts of spec §6 per unit as JSON, or the monthly bulletin as self-contained HTML.
            Examples: hotline report --data /tmp/hl --month 2026-03
                      hotline report --data /tmp/hl --month 2026-03 --format html --catalog samples/catalog-changsha.json
                      hotline report --data /tmp/hl --from 2026-03-01T00:00+08:00 --to 2026-03-16T00:00+08:00 --unit city-housing
            """)
        {
            data, month, from, to, unit, format, output, catalog,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) =>
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return Task.FromResult(Fail(stderr, $"unexpected argument '{parse.UnmatchedTokens[0]}'; see hotline report --help"));
            }

            var request = new Request(
                parse.GetValue(data), parse.GetValue(month), parse.GetValue(from), parse.GetValue(to), parse.GetValue(unit),
                parse.GetValue(format), parse.GetValue(output), parse.GetValue(catalog));
            return RunAsync(request, stdout, stderr);
        });
        return command;
    }

    /// <summary>The command's arguments as given.</summary>
    internal sealed record Request(string? Data, string? Month, string? From, string? To, string? Unit, string? Format, string? Out, string? Catalog);

    internal static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter stderr)
    {
        if (string.IsNullOrEmpty(request.Data))
        {
            return Fail(stderr, "--data DIR is required: the data directory of a `hotline run --data DIR`");
        }

        string format = request.Format ?? "json";
        if (format is not ("json" or "html"))
        {
            return Fail(stderr, $"--format: '{format}' must be json or html");
        }

        if (!Directory.Exists(request.Data))
        {
            return Fail(stderr, $"--data: no such directory: {request.Data}");
        }

        var names = CatalogNames.None;
        if (request.Catalog is { } catalogFile)
        {
            try
            {
                names = CatalogNames.From(DispatchCatalog.Load(catalogFile));
            }
            catch (CatalogException e)
            {
                return Fail(stderr, e.Message);
            }
        }

        HotlineEngine engine;
        try
        {
            engine = HotlineEngine.OpenReadOnly(request.Data, message => stderr.WriteLine($"hotline: {OneLine(message)}"));
        }
        catch (Exception e) when (e is JournalException or ProfileException or CatalogException)
        {
            return Fail(stderr, e.Message);
        }

        try
        {
            var (clock, _, _) = await engine.GetClockAsync().ConfigureAwait(false);
            var period = ReportPeriod.Resolve(request.Month, request.From, request.To, clock, engine.Zone, out string? error);
            if (period is null)
            {
                return Fail(stderr, error!);
            }

            var report = await engine.GetReportAsync(period.From, period.To, request.Unit).ConfigureAwait(false);
            if (format == "json")
            {
                string json = ReportJson.Write(report, engine.Zone);
                if (request.Out is { } jsonFile)
                {
                    return TryWrite(jsonFile, json + "\n", stderr) ? Printed(stdout, jsonFile) : HotlineCli.BadInput;
                }

                await stdout.WriteLineAsync(json).ConfigureAwait(false);
                await stdout.FlushAsync().ConfigureAwait(false);
                return HotlineCli.Ok;
            }

            var bulletin = new BulletinData(
                period,
                engine.Zone,
                request.Unit,
                report,
                await engine.GetDailyStatisticsAsync(period.FirstDay, period.EndDay).ConfigureAwait(false),
                await engine.GetHotspotsAsync().ConfigureAwait(false),
                clock,
                names);
            string file = request.Out ?? DefaultFileName(period, request.Unit);
            return TryWrite(file, BulletinHtml.Render(bulletin), stderr) ? Printed(stdout, file) : HotlineCli.BadInput;
        }
        finally
        {
            try
            {
                await engine.DisposeAsync().ConfigureAwait(false);
            }
            catch (JournalException e)
            {
                stderr.WriteLine($"hotline: {OneLine(e.Message)}");
            }
        }
    }

    /// <summary><c>hotline-bulletin-2026-03.html</c>, or with the unit: <c>hotline-bulletin-2026-03-city-housing.html</c>.</summary>
    internal static string DefaultFileName(ReportPeriod period, string? unit)
    {
        string stem = $"hotline-bulletin-{period.FileStem}";
        if (unit is not null)
        {
            var safe = new StringBuilder(unit.Length);
            foreach (char ch in unit)
            {
                safe.Append(char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
            }

            stem += "-" + safe;
        }

        return stem + ".html";
    }

    private static bool TryWrite(string path, string text, TextWriter stderr)
    {
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail(stderr, $"--out: cannot write {path}: {e.Message}");
            return false;
        }
    }

    private static int Printed(TextWriter stdout, string path)
    {
        stdout.WriteLine(Path.GetFullPath(path));
        stdout.Flush();
        return HotlineCli.Ok;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"hotline: {OneLine(message)}");
        return HotlineCli.BadInput;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

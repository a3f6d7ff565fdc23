using System.CommandLine;
using System.Threading.Channels;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Journal;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline run</c>: the JSON Lines protocol of spec §1 — commands on stdin, events on stdout,
/// nothing else on stdout; diagnostics on stderr.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var profile = new Option<string>("--profile") { Description = "A built-in profile (linyi-2016, zhongshan-2024, changzhi, xiangfen-2022, changsha-2020) or a profile file.", Required = true };
        var catalog = new Option<string>("--catalog") { Description = "A dispatch catalog: a JSON file (spec §5) or a CSV folder.", Required = true };
        var calendar = new Option<string?>("--calendar") { Description = "A holiday file (JSON of spec §3, or .ics) that replaces the built-in schedule for the years it covers." };
        var data = new Option<string?>("--data") { Description = "Durable mode: keep the engine's state in this directory, print events only once committed, and resume from it." };
        var command = new Command("run", """
            Runs the engine over JSON Lines: commands on standard input, events on standard output.
            Example: hotline run --profile changsha-2020 --catalog samples/catalog-changsha.json < commands.jsonl > events.jsonl
            """)
        {
            profile, catalog, calendar, data,
        };
        command.SetAction((parse, _) => RunAsync(
            parse.GetValue(profile)!, parse.GetValue(catalog)!, parse.GetValue(calendar), parse.GetValue(data), stdin, stdout, stderr));
        return command;
    }

    internal static async Task<int> RunAsync(
        string profileArg, string catalogArg, string? calendarArg, string? dataArg, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (!TryLoad(profileArg, catalogArg, calendarArg, stderr, out var options))
        {
            return HotlineCli.BadInput;
        }

        HotlineEngine engine;
        try
        {
            engine = HotlineEngine.Start(new EngineOptions
            {
                Profile = options.Profile,
                Catalog = options.Catalog,
                CalendarFile = options.CalendarFile,
                DataDirectory = dataArg,
                Diagnostics = message => stderr.WriteLine($"hotline: {message}"),
            });
        }
        catch (JournalException e)
        {
            stderr.WriteLine($"hotline: {OneLine(e.Message)}");
            return HotlineCli.BadInput;
        }

        try
        {
            return await PumpAsync(engine, stdin, stdout).ConfigureAwait(false);
        }
        catch (JournalException e)
        {
            // Nothing after the last commit was printed: what is on stdout is durable.
            await stdout.FlushAsync().ConfigureAwait(false);
            stderr.WriteLine($"hotline: {OneLine(e.Message)}");
            return HotlineCli.JournalFailed;
        }
        finally
        {
            try
            {
                await engine.DisposeAsync().ConfigureAwait(false);
            }
            catch (JournalException)
            {
                // already reported
            }
        }
    }

    private static async Task<int> PumpAsync(HotlineEngine engine, TextReader stdin, TextWriter stdout)
    {        var writer = new EventWriter(engine.Zone);
        var results = Channel.CreateBounded<ValueTask<IReadOnlyList<EngineEvent>>>(
            new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });

        // Read and submit ahead while earlier events are written; flush whenever the output catches up,
        // so an interactive caller sees each command's events at once.
        var reading = Task.Run(async () =>
        {
            try
            {
                int number = 0;
                while (await stdin.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    number++;
                    if (CommandReader.Read(line, number) is { } command)
                    {
                        await results.Writer.WriteAsync(engine.SubmitAsync(command)).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                results.Writer.Complete();
            }
        });

        await foreach (var result in results.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var e in await result.ConfigureAwait(false))
            {
                await stdout.WriteAsync(writer.ToJson(e)).ConfigureAwait(false);
                await stdout.WriteAsync('\n').ConfigureAwait(false);
            }

            if (!results.Reader.TryPeek(out _))
            {
                await stdout.FlushAsync().ConfigureAwait(false);
            }
        }

        await reading.ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        return HotlineCli.Ok;
    }

    /// <summary>Loads the profile, catalog and calendar, or says on one stderr line which file is wrong.</summary>
    internal static bool TryLoad(string profileArg, string catalogArg, string? calendarArg, TextWriter stderr, out EngineOptions options)
    {
        options = null!;
        try
        {
            var profile = PolicyProfile.Resolve(profileArg);
            var catalog = DispatchCatalog.Load(catalogArg);
            var calendarFile = calendarArg is null ? null : CalendarFile.Load(calendarArg);
            options = new EngineOptions { Profile = profile, Catalog = catalog, CalendarFile = calendarFile };
            return true;
        }
        catch (Exception e) when (e is ProfileException or CatalogException or CalendarException)
        {
            stderr.WriteLine($"hotline: {OneLine(e.Message)}");
            return false;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

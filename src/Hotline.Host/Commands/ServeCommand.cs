using System.CommandLine;
using System.Net;
using Hotline.Engine.Journal;
using Hotline.Host.Http;
using Microsoft.AspNetCore.Builder;
using NodaTime;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline serve</c>: the engine behind an HTTP API with per-unit keys, on the system clock.
/// Diagnostics on stderr; nothing on stdout.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stderr)
    {
        var profile = new Option<string>("--profile") { Description = "A built-in profile (linyi-2016, zhongshan-2024, changzhi, xiangfen-2022, changsha-2020) or a profile file.", Required = true };
        var catalog = new Option<string>("--catalog") { Description = "A dispatch catalog: a JSON file (spec §5) or a CSV folder.", Required = true };
        var calendar = new Option<string?>("--calendar") { Description = "A holiday file (JSON of spec §3, or .ics) that replaces the built-in schedule for the years it covers." };
        var data = new Option<string?>("--data") { Description = "Durable mode: keep the engine's state in this directory and resume from it." };
        var keys = new Option<string>("--keys")
        {
            Description = """A JSON file of API keys: {"operators": {"NAME": "KEY"}, "units": {"UNIT": "KEY" or ["KEY", ...]}}; keys of at least 16 characters.""",
            Required = true,
        };
        var port = new Option<int>("--port") { Description = "The TCP port to listen on.", DefaultValueFactory = _ => 5345 };
        var bind = new Option<string>("--bind") { Description = "The address to listen on (an IP address; loopback by default).", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("serve", """
            Serves the engine over HTTP on the system clock: POST /commands, GET /tickets/{id}, GET /units/{unit}/worklist,
            GET /events (server-sent events), GET /report, GET /health, GET /openapi.json. Each handling unit has its own key
            and sees only the tickets it holds; operator keys see and do everything. The host stamps every command's at and by.
            Example: hotline serve --profile changsha-2020 --catalog samples/catalog-changsha.json --keys keys.json --data /var/lib/hotline
            then:    curl -H 'Authorization: Bearer KEY' http://127.0.0.1:5345/units/furong-gov/worklist
            """)
        {
            profile, catalog, calendar, data, keys, port, bind,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(profile)!, parse.GetValue(catalog)!, parse.GetValue(calendar), parse.GetValue(data),
            parse.GetValue(keys)!, parse.GetValue(port), parse.GetValue(bind)!, stderr, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(
        string profileArg, string catalogArg, string? calendarArg, string? dataArg, string keysArg, int port, string bindArg,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(bindArg, out var bind))
        {
            stderr.WriteLine($"hotline: --bind: '{bindArg}' is not an IP address (e.g. 127.0.0.1 or ::1)");
            return HotlineCli.BadInput;
        }

        if (port is < 0 or > 65535)
        {
            stderr.WriteLine($"hotline: --port: {port} is not a TCP port (0–65535)");
            return HotlineCli.BadInput;
        }

        if (!RunCommand.TryLoad(profileArg, catalogArg, calendarArg, stderr, out var engineOptions))
        {
            return HotlineCli.BadInput;
        }

        ApiKeys apiKeys;
        try
        {
            apiKeys = ApiKeys.Load(keysArg, engineOptions.Catalog);
        }
        catch (ApiKeysException e)
        {
            stderr.WriteLine($"hotline: {e.Message.ReplaceLineEndings(" ")}");
            return HotlineCli.BadInput;
        }

        var options = new ServeOptions
        {
            Engine = new()
            {
                Profile = engineOptions.Profile,
                Catalog = engineOptions.Catalog,
                CalendarFile = engineOptions.CalendarFile,
                DataDirectory = dataArg,
            },
            Keys = apiKeys,
            Clock = SystemClock.Instance, // the composition root: the only wall clock of the system
            Bind = bind,
            Port = port,
            Diagnostics = message => stderr.WriteLine($"hotline: {message}"),
            LogToStandardError = true,
        };

        WebApplication app;
        try
        {
            app = HotlineServer.Create(options);
        }
        catch (JournalException e)
        {
            stderr.WriteLine($"hotline: {e.Message.ReplaceLineEndings(" ")}");
            return HotlineCli.BadInput;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                stderr.WriteLine($"hotline: cannot listen on {bind}:{port}: {e.Message.ReplaceLineEndings(" ")}");
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return HotlineCli.BadInput;
            }

            if (!IPAddress.IsLoopback(bind))
            {
                stderr.WriteLine("hotline: listening beyond loopback without TLS: put a TLS-terminating proxy in front, API keys travel in headers");
            }

            stderr.WriteLine($"hotline: serving {string.Join(", ", app.Urls)} ({apiKeys.Count} keys); Ctrl+C stops and commits the journal");
            // Returns once the host has stopped: requests drained, then the engine disposed (journal committed).
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return HotlineCli.Ok;
    }
}

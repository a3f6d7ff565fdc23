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
        var profile = new Option<string>("--profile") { Description = "A built-in profile (linyi-2016, zhongshan-2024, changzhi, xiangfen-2022, changsha-2020) or a profile file (required without --cluster)." };
        var catalog = new Option<string>("--catalog") { Description = "A dispatch catalog: a JSON file (spec §5) or a CSV folder (required without --cluster)." };
        var calendar = new Option<string?>("--calendar") { Description = "A holiday file (JSON of spec §3, or .ics) that replaces the built-in schedule for the years it covers." };
        var data = new Option<string?>("--data") { Description = "Durable mode: keep the engine's state in this directory and resume from it." };
        var keys = new Option<string>("--keys")
        {
            Description = """A JSON file of API keys: {"operators": {"NAME": "KEY"}, "units": {"UNIT": "KEY" or ["KEY", ...]}}; keys of at least 16 characters.""",
            Required = true,
        };
        var port = new Option<int>("--port") { Description = "The TCP port to listen on.", DefaultValueFactory = _ => 5345 };
        var bind = new Option<string>("--bind") { Description = "The address to listen on (an IP address; loopback by default).", DefaultValueFactory = _ => "127.0.0.1" };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster mode: run an Orleans silo hosting the partitions of this layout file (docs/scale-out.md) and route each command to the partition that owns it; replaces --profile, --catalog, --calendar and --data." };
        var siloPort = new Option<int>("--silo-port") { Description = "Cluster mode: the silo-to-silo port.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Cluster mode: the gateway (client) port.", DefaultValueFactory = _ => 30000 };
        var primary = new Option<string?>("--primary") { Description = "Cluster mode: join the cluster whose primary silo is at HOST:PORT (its silo port); without it this silo is the primary." };
        var command = new Command("serve", """
            Serves the engine over HTTP on the system clock: POST /commands, GET /tickets/{id}, GET /units/{unit}/worklist,
            GET /events (server-sent events), GET /report, GET /health, GET /openapi.json. Each handling unit has its own key
            and sees only the tickets it holds; operator keys see and do everything. The host stamps every command's at and by.
            Example: hotline serve --profile changsha-2020 --catalog samples/catalog-changsha.json --keys keys.json --data /var/lib/hotline
            then:    curl -H 'Authorization: Bearer KEY' http://127.0.0.1:5345/units/furong-gov/worklist
            Cluster: hotline serve --cluster layout.json --keys keys.json [--silo-port 11111 --gateway-port 30000 --primary 10.0.0.5:11111]
            """)
        {
            profile, catalog, calendar, data, keys, port, bind, cluster, siloPort, gatewayPort, primary,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(cluster) is { } layout)
            {
                return RunClusterAsync(
                    layout, parse.GetValue(siloPort), parse.GetValue(gatewayPort), parse.GetValue(primary),
                    parse.GetValue(keys)!, parse.GetValue(port), parse.GetValue(bind)!, stderr, cancellationToken);
            }

            if (parse.GetValue(profile) is not { } p || parse.GetValue(catalog) is not { } c)
            {
                stderr.WriteLine("hotline: serve needs --profile and --catalog (or --cluster LAYOUT)");
                return Task.FromResult(HotlineCli.BadInput);
            }

            return RunAsync(p, c, parse.GetValue(calendar), parse.GetValue(data),
                parse.GetValue(keys)!, parse.GetValue(port), parse.GetValue(bind)!, stderr, cancellationToken);
        });
        return command;
    }

    /// <summary><c>hotline serve --cluster</c>: a silo with the layout's partitions behind the same HTTP API.</summary>
    /// <remarks>Kept apart from <see cref="RunAsync"/> so Orleans' assemblies load only in cluster mode.</remarks>
    internal static Task<int> RunClusterAsync(
        string layoutArg, int siloPort, int gatewayPort, string? primaryArg, string keysArg, int port, string bindArg,
        TextWriter stderr, CancellationToken cancellationToken) =>
        ClusterServe.RunAsync(layoutArg, siloPort, gatewayPort, primaryArg, keysArg, port, bindArg, stderr, cancellationToken);

    internal static async Task<int> RunAsync(
        string profileArg, string catalogArg, string? calendarArg, string? dataArg, string keysArg, int port, string bindArg,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (CheckListen(bindArg, port, stderr) is not { } bind)
        {
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

        return await ServeAsync(options, stderr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates --bind and --port; the address, or null after saying why.</summary>
    internal static IPAddress? CheckListen(string bindArg, int port, TextWriter stderr)
    {
        if (!IPAddress.TryParse(bindArg, out var bind))
        {
            stderr.WriteLine($"hotline: --bind: '{bindArg}' is not an IP address (e.g. 127.0.0.1 or ::1)");
            return null;
        }

        if (port is < 0 or > 65535)
        {
            stderr.WriteLine($"hotline: --port: {port} is not a TCP port (0–65535)");
            return null;
        }

        return bind;
    }

    /// <summary>Builds, starts and runs the server until it is stopped.</summary>
    internal static async Task<int> ServeAsync(ServeOptions options, TextWriter stderr, CancellationToken cancellationToken)
    {
        var bind = options.Bind;
        var port = options.Port;
        var apiKeys = options.Keys;
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

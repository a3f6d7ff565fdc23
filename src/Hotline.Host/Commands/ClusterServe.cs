using System.Net;
using Hotline.Cluster;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Profiles;
using Hotline.Host.Http;
using NodaTime;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline serve --cluster LAYOUT</c>: reads the layout, validates the keys against every
/// partition's units, and serves the HTTP API with a localhost-clustered silo hosting the partitions.
/// Only this path loads Orleans.
/// </summary>
internal static class ClusterServe
{
    public static async Task<int> RunAsync(
        string layoutArg, int siloPort, int gatewayPort, string? primaryArg, string keysArg, int port, string bindArg,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (ServeCommand.CheckListen(bindArg, port, stderr) is not { } bind)
        {
            return HotlineCli.BadInput;
        }

        ServeOptions options;
        try
        {
            options = BuildOptions(layoutArg, siloPort, gatewayPort, primaryArg, keysArg, bind, port, SystemClock.Instance, stderr);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException
            or CatalogException or ApiKeysException or System.Text.Json.JsonException or CalendarException or ProfileException
            or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"hotline: {e.Message.ReplaceLineEndings(" ")}");
            return HotlineCli.BadInput;
        }

        stderr.WriteLine($"hotline: silo on port {siloPort} (gateway {gatewayPort}){(primaryArg is null ? " as the primary" : $", joining {primaryArg}")}, partitions {string.Join(", ", options.Cluster!.Layout.Partitions.Select(p => p.Code))}");
        return await ServeCommand.ServeAsync(options, stderr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server's options for a layout file; the keys may name a unit of any partition.</summary>
    /// <exception cref="FormatException">The layout or --primary is invalid.</exception>
    /// <exception cref="ApiKeysException">The keys file is invalid.</exception>
    public static ServeOptions BuildOptions(
        string layoutPath, int siloPort, int gatewayPort, string? primary, string keysPath, IPAddress bind, int port, IClock clock, TextWriter? diagnostics)
    {
        ArgumentNullException.ThrowIfNull(layoutPath);
        if (siloPort is < 1 or > 65535 || gatewayPort is < 1 or > 65535)
        {
            throw new FormatException($"--silo-port {siloPort} / --gateway-port {gatewayPort}: TCP ports (1–65535)");
        }

        IPEndPoint? primaryEndpoint = null;
        if (primary is not null)
        {
            primaryEndpoint = ParseEndpoint(primary);
        }

        var layout = ClusterLayout.Load(layoutPath);
        if (layout.Partitions.Count == 0)
        {
            throw new FormatException($"{layoutPath}: the layout has no partitions");
        }

        var keys = ApiKeys.Load(
            keysPath,
            layout.Partitions.SelectMany(p => p.Catalog.Units.Select(u => u.Id)).Distinct(StringComparer.Ordinal),
            $"no partition of {layoutPath}");
        var first = layout.Partitions[0];
        return new ServeOptions
        {
            // The first partition's profile and calendar give the host its zone and the health check's calendar.
            Engine = new()
            {
                Profile = PolicyProfile.Resolve(first.Profile),
                Catalog = first.Catalog,
                CalendarFile = first.CalendarPath is { } c ? CalendarFile.Load(c) : null,
            },
            Keys = keys,
            Clock = clock,
            Bind = bind,
            Port = port,
            Diagnostics = diagnostics is null ? null : message => diagnostics.WriteLine($"hotline: {message}"),
            LogToStandardError = diagnostics is not null,
            Cluster = new ClusterServeOptions { Layout = layout, SiloPort = siloPort, GatewayPort = gatewayPort, Primary = primaryEndpoint },
        };
    }

    private static IPEndPoint ParseEndpoint(string text)
    {
        if (IPEndPoint.TryParse(text, out var ep) && ep.Port != 0)
        {
            return ep;
        }

        int colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535)
        {
            var addresses = Dns.GetHostAddresses(text[..colon]);
            if (addresses.Length > 0)
            {
                return new IPEndPoint(addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses[0], p);
            }
        }

        throw new FormatException($"--primary: '{text}' is not HOST:PORT (the primary silo's silo port)");
    }
}

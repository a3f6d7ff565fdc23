using System.Net;
using Hotline.Engine.Engine;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>What <c>hotline serve</c> runs by: the engine's options, the keys, where to listen, and the clock.</summary>
/// <remarks>Set once before the server is built; read-only afterwards.</remarks>
internal sealed class ServeOptions
{
    /// <summary>The engine's profile, catalog, calendar and data directory; the host adds the event stream and diagnostics.</summary>
    public required EngineOptions Engine { get; init; }

    /// <summary>Who may call, and as whom.</summary>
    public required ApiKeys Keys { get; init; }

    /// <summary>
    /// The host's clock: it stamps every command's <c>at</c> and drives the engine's timers. The
    /// composition root passes the system clock; tests pass a settable one.
    /// </summary>
    public required IClock Clock { get; init; }

    /// <summary>The address to listen on; loopback by default.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 lets the system choose one (tests).</summary>
    public int Port { get; init; } = 5345;

    /// <summary>How often the engine's clock is moved to the host's clock, so timers fire in real time.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest request body accepted; a larger one is answered 413.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Events a server-sent-events client may fall behind by before it is disconnected (it reconnects).</summary>
    public int SubscriberCapacity { get; init; } = 4096;

    /// <summary>Receives one-line diagnostics (the engine's, and the host's warnings); null for none.</summary>
    public Action<string>? Diagnostics { get; init; }

    /// <summary>
    /// Cluster mode (<c>--cluster</c>): the silo to run and the partitions it hosts; null runs the one
    /// engine of <see cref="Engine"/>.
    /// </summary>
    public ClusterServeOptions? Cluster { get; init; }

    /// <summary>Writes ASP.NET Core's warnings (and its start/stop lines) to standard error; off in tests.</summary>
    public bool LogToStandardError { get; init; }
}

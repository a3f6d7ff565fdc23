using System.Net;
using Hotline.Cluster;

namespace Hotline.Host.Http;

/// <summary>What <c>hotline serve --cluster</c> runs: a localhost-clustered Orleans silo hosting the layout's partitions.</summary>
/// <remarks>Set once before the server is built; read-only afterwards.</remarks>
internal sealed class ClusterServeOptions
{
    /// <summary>The partitions (every silo of the cluster loads the same layout).</summary>
    public required ClusterLayout Layout { get; init; }

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>The port clients (gateways) connect to.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The primary silo to join; null makes this silo the primary.</summary>
    public IPEndPoint? Primary { get; init; }
}

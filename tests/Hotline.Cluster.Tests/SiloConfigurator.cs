using Orleans.TestingHost;

namespace Hotline.Cluster.Tests;

/// <summary>Gives every test silo the layout file named in the host configuration.</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    /// <inheritdoc />
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        var path = siloBuilder.Configuration[ClusterHarness.LayoutKey]
            ?? throw new InvalidOperationException($"the test cluster has no {ClusterHarness.LayoutKey} setting");
        siloBuilder.AddHotlinePartitions(ClusterLayout.Load(path));
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Cluster;

/// <summary>Registers the hotline partitions with an Orleans silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Makes <paramref name="layout"/> the silo's cluster layout: partition grains look up their
    /// profile, catalog and journal directory in it, and forwards their owning partition.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.UseOrleans(silo => silo.UseLocalhostClustering().AddHotlinePartitions(ClusterLayout.Load("cluster.json")));
    /// </code>
    /// </example>
    public static ISiloBuilder AddHotlinePartitions(this ISiloBuilder builder, ClusterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(layout);
        builder.Services.AddSingleton(layout);
        return builder;
    }
}

using System.Collections.Frozen;

namespace Hotline.Cluster;

/// <summary>
/// Which partition owns a region: a region belongs to the partition whose catalog's region tree
/// contains it. Built once from the layout; read-only and thread-safe.
/// </summary>
public sealed class RegionDirectory
{
    private readonly FrozenDictionary<string, string> _owners;

    /// <summary>Builds the map from every partition's catalog.</summary>
    /// <exception cref="ArgumentException">A region appears in the trees of two partitions.</exception>
    public RegionDirectory(IEnumerable<PartitionSettings> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in partitions)
        {
            foreach (var region in p.Catalog.Regions)
            {
                if (owners.TryGetValue(region.Code, out var other) && other != p.Code)
                {
                    throw new ArgumentException(
                        $"region {region.Code} is in the catalogs of partitions {other} and {p.Code}; a region must belong to one partition",
                        nameof(partitions));
                }

                owners[region.Code] = p.Code;
            }
        }

        _owners = owners.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The number of regions the cluster covers.</summary>
    public int Count => _owners.Count;

    /// <summary>The code of the partition that owns <paramref name="region"/>, or null when none does.</summary>
    public string? OwnerOf(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return _owners.TryGetValue(region, out var owner) ? owner : null;
    }
}

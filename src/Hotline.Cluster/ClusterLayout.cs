using System.Collections.Frozen;
using System.Text.Json;
using Hotline.Engine.Catalog;

namespace Hotline.Cluster;

/// <summary>
/// The partitions of a cluster and where their journals live, with the region → partition map
/// derived from their catalogs. Immutable; thread-safe.
/// </summary>
/// <remarks>
/// The JSON form (<see cref="Load"/>):
/// <code>
/// {
///   "root": "/srv/hotline",                      // optional: the journals' shared root (default: the file's folder)
///   "partitions": [
///     { "code": "430100", "profile": "changsha-2020", "catalog": "catalog-changsha.json",
///       "calendar": null, "data": "430100" }       // data: optional, relative to root (default: the code)
///   ]
/// }
/// </code>
/// A catalog of <c>sample:changsha</c> is the embedded sample catalog; other paths are relative to
/// the layout file's folder.
/// </remarks>
public sealed class ClusterLayout
{
    private readonly FrozenDictionary<string, PartitionSettings> _byCode;

    /// <summary>Builds a layout from partitions already resolved.</summary>
    /// <exception cref="ArgumentException">Two partitions share a code or a data directory, or a region.</exception>
    public ClusterLayout(IEnumerable<PartitionSettings> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var list = partitions.ToList();
        var byCode = new Dictionary<string, PartitionSettings>(StringComparer.Ordinal);
        var dirs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in list)
        {
            if (!byCode.TryAdd(p.Code, p))
            {
                throw new ArgumentException($"partition {p.Code} is listed twice", nameof(partitions));
            }

            if (!dirs.Add(Path.GetFullPath(p.DataDirectory)))
            {
                throw new ArgumentException($"partition {p.Code}: data directory {p.DataDirectory} is used by another partition", nameof(partitions));
            }
        }

        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
        Partitions = list;
        Regions = new RegionDirectory(list);
    }

    /// <summary>The partitions, in the order given.</summary>
    public IReadOnlyList<PartitionSettings> Partitions { get; }

    /// <summary>Region → owning partition.</summary>
    public RegionDirectory Regions { get; }

    /// <summary>The settings of partition <paramref name="code"/>, or null when the layout has none.</summary>
    public PartitionSettings? Find(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.TryGetValue(code, out var p) ? p : null;
    }

    /// <summary>Reads a layout file (the JSON form in the remarks), loading every catalog it names.</summary>
    /// <exception cref="FormatException">The file is not a valid layout; the message names the file and the problem.</exception>
    /// <exception cref="CatalogException">A catalog it names is invalid.</exception>
    public static ClusterLayout Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        using var doc = JsonDocument.Parse(File.ReadAllText(full));
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("partitions", out var parts) || parts.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{path}: a layout is an object with a \"partitions\" array");
        }

        var dataRoot = root.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.String
            ? Path.GetFullPath(r.GetString()!, folder)
            : folder;
        var partitions = new List<PartitionSettings>();
        int i = 0;
        foreach (var p in parts.EnumerateArray())
        {
            string Required(string name) =>
                p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                    ? s
                    : throw new FormatException($"{path}: partitions[{i}].{name} is required (a string)");
            string? Optional(string name) =>
                p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

            var code = Required("code");
            var profile = Required("profile");
            var catalogRef = Required("catalog");
            var catalog = catalogRef == "sample:changsha"
                ? SampleCatalogs.Changsha
                : DispatchCatalog.Load(Path.GetFullPath(catalogRef, folder));
            var calendar = Optional("calendar") is { } c ? Path.GetFullPath(c, folder) : null;
            var data = Path.GetFullPath(Optional("data") ?? code, dataRoot);
            var profileRef = File.Exists(Path.Combine(folder, profile)) ? Path.GetFullPath(profile, folder) : profile;
            partitions.Add(new PartitionSettings(code, profileRef, catalog, calendar, data));
            i++;
        }

        return new ClusterLayout(partitions);
    }
}

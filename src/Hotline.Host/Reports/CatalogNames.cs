using Hotline.Engine.Catalog;

namespace Hotline.Host.Reports;

/// <summary>
/// Display names for unit ids, category keys and region codes, taken from a dispatch catalog the
/// user names with <c>--catalog</c>. The counts never come from it: only the labels.
/// </summary>
internal sealed class CatalogNames
{
    private readonly Dictionary<string, string> _units;
    private readonly Dictionary<string, string> _categories;
    private readonly Dictionary<string, string> _regions;

    private CatalogNames(Dictionary<string, string> units, Dictionary<string, string> categories, Dictionary<string, string> regions)
    {
        _units = units;
        _categories = categories;
        _regions = regions;
    }

    /// <summary>No names: every label is the id itself.</summary>
    public static CatalogNames None { get; } = new([], [], []);

    /// <summary>The names a catalog gives its units, categories (its entries' names) and regions.</summary>
    public static CatalogNames From(DispatchCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in catalog.Units)
        {
            units.TryAdd(u.Id, u.Name);
        }

        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in catalog.Entries)
        {
            categories.TryAdd(e.Category, e.Name);
        }

        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in catalog.Regions)
        {
            regions.TryAdd(r.Code, r.Name);
        }

        return new CatalogNames(units, categories, regions);
    }

    /// <summary>The unit's name, or null when unknown.</summary>
    public string? Unit(string id) => _units.GetValueOrDefault(id);

    /// <summary>The category's name, or null when unknown.</summary>
    public string? Category(string key) => _categories.GetValueOrDefault(key);

    /// <summary>The region's name, or null when unknown.</summary>
    public string? Region(string code) => _regions.GetValueOrDefault(code);
}

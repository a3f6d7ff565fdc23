using Hotline.Engine.Catalog;

namespace Hotline.Engine.Routing;

/// <summary>
/// Spec §5's routing rule written as plainly as possible, over dictionaries and strings: the model the
/// compiled table is tested against and the baseline it is benchmarked against. Not for production:
/// each route hashes strings at every step and slices category prefixes.
/// </summary>
internal sealed class ReferenceRouter
{
    // (category, region) → entry index; region → parent (null at a root).
    private readonly Dictionary<(string Category, string Region), int> _entries;
    private readonly Dictionary<string, string?> _parent;

    public ReferenceRouter(DispatchCatalog catalog)
    {
        _entries = new Dictionary<(string, string), int>(catalog.Entries.Length);
        for (int i = 0; i < catalog.Entries.Length; i++)
        {
            _entries.Add((catalog.Entries[i].Category, catalog.Entries[i].Region), i);
        }

        _parent = catalog.Regions.ToDictionary(r => r.Code, r => r.Parent, StringComparer.Ordinal);
    }

    /// <summary>The matched entry's index, or -1 for the default unit, or -2 out of jurisdiction.</summary>
    public int Route(string category, string region)
    {
        if (!_parent.ContainsKey(region))
        {
            return Routing.Route.OutOfJurisdictionEntry;
        }

        // Locality first: walk the regions for a category before trying its parent category.
        string? c = category;
        while (c is not null)
        {
            for (string? r = region; r is not null; r = _parent[r])
            {
                if (_entries.TryGetValue((c, r), out int entry))
                {
                    return entry;
                }
            }

            int dot = c.LastIndexOf('.');
            c = dot < 0 ? null : c[..dot];
        }

        return Routing.Route.DefaultEntry;
    }
}

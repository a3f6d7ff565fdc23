using Hotline.Engine.Catalog;

namespace Hotline.Engine.Tests.Routing;

/// <summary>Small random but valid catalogs for property tests: a random forest of regions, dotted
/// categories up to three levels over a tiny alphabet (so prefixes collide), and random entries.</summary>
internal static class RandomCatalogs
{
    public static readonly string[] Letters = ["a", "b", "c"];

    public static DispatchCatalog Build(int seed, int regionCount, int density)
    {
        var rng = new Random(seed);
        var regions = new List<Region>();
        for (int i = 0; i < regionCount; i++)
        {
            // Mostly one tree, sometimes a second root; parents always listed earlier or later at random.
            string? parent = i == 0 || rng.Next(12) == 0 ? null : $"r{rng.Next(i)}";
            regions.Add(new Region($"r{i}", $"Region {i}", parent));
        }

        // Shuffle so parents are not always listed before children.
        regions = [.. regions.OrderBy(_ => rng.Next())];
        var units = Enumerable.Range(0, 6).Select(i => new HandlingUnit($"u{i}", $"Unit {i}")).ToList();
        var entries = new List<CatalogEntry>();
        foreach (var category in AllCategories())
        {
            foreach (var region in regions)
            {
                if (rng.Next(100) < density)
                {
                    var lead = $"u{rng.Next(units.Count)}";
                    var co = units.Select(u => u.Id).Where(u => u != lead && rng.Next(5) == 0).ToArray();
                    entries.Add(new CatalogEntry(
                        category, category, null, region.Code, lead, [.. co],
                        rng.Next(2) == 0 ? "sub" : null,
                        rng.Next(3) == 0 ? null : Hotline.Engine.Calendar.WorkingDuration.WorkingDays(rng.Next(1, 20))));
                }
            }
        }

        entries = [.. entries.OrderBy(_ => rng.Next())];
        return DispatchCatalog.Create($"v{seed}", regions, units, entries, "u0");
    }

    /// <summary>Every dotted category over <see cref="Letters"/> up to three levels.</summary>
    public static IEnumerable<string> AllCategories()
    {
        foreach (var x in Letters)
        {
            yield return x;
            foreach (var y in Letters)
            {
                yield return $"{x}.{y}";
                foreach (var z in Letters)
                {
                    yield return $"{x}.{y}.{z}";
                }
            }
        }
    }

    /// <summary>Queried categories: every catalog-shaped one, deeper unknown ones, and foreign ones.</summary>
    public static IEnumerable<string> QueryCategories() =>
        AllCategories().Concat(["a.b.c.d", "c.c.c.c.c", "z", "z.a", "", ".", "a.", ".a"]);
}

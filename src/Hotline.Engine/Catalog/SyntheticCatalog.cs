using System.Globalization;
using Hotline.Engine.Calendar;

namespace Hotline.Engine.Catalog;

/// <summary>
/// A deterministic, national-size synthetic dispatch catalog for benchmarks and scale tests: a region
/// tree shaped like China's (country → provinces → cities → counties → towns, 6- and 9-digit codes),
/// a three-level dotted category tree, units per government and per department, and entries spread over
/// every level with co-handlers, sub-offices for town entries and mixed limits.
/// </summary>
internal static class SyntheticCatalog
{
    /// <summary>The defaults: about a national catalog's size.</summary>
    public const int NationalCategories = 3_000;

    /// <summary>Regions of the national-size catalog.</summary>
    public const int NationalRegions = 40_000;

    /// <summary>Entries of the national-size catalog.</summary>
    public const int NationalEntries = 200_000;

    private const int DepartmentsPerGovernment = 15;

    /// <summary>
    /// Generates a valid catalog; the same arguments always give the same catalog.
    /// <paramref name="entries"/> is capped at the number of distinct (category, region) pairs.
    /// </summary>
    public static DispatchCatalog Generate(
        int seed, int categories = NationalCategories, int regions = NationalRegions, int entries = NationalEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(categories, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(regions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        var rng = new Random(seed);

        // Region levels: 0 country, 1 province, 2 city, 3 county, 4 town.
        int provinces = Math.Min(regions - 1, Math.Max(1, regions / 1300));
        int cities = Math.Min(regions - 1 - provinces, Math.Max(1, regions / 120));
        int counties = Math.Min(regions - 1 - provinces - cities, Math.Max(1, regions / 14));
        int towns = regions - 1 - provinces - cities - counties;
        var levels = new List<List<string>> { new() { "000000" } };
        var regionList = new List<Region> { new("000000", "Country", null) };
        var childCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (count, level) in new[] { (provinces, 1), (cities, 2), (counties, 3), (towns, 4) })
        {
            var parentsLevel = levels[level - 1];
            var current = new List<string>(Math.Max(0, count));
            for (int i = 0; i < count; i++)
            {
                // Spread evenly, then shuffle a little so sibling counts vary.
                string parent = parentsLevel[(i + rng.Next(3)) % parentsLevel.Count];
                int k = childCount[parent] = childCount.GetValueOrDefault(parent) + 1;
                string code = level switch
                {
                    1 => (10 + k).ToString("D2", CultureInfo.InvariantCulture) + "0000",
                    2 => parent[..2] + k.ToString("D2", CultureInfo.InvariantCulture) + "00",
                    3 => parent[..4] + k.ToString("D2", CultureInfo.InvariantCulture),
                    _ => parent + k.ToString("D3", CultureInfo.InvariantCulture),
                };
                current.Add(code);
                regionList.Add(new Region(code, $"Region {code}", parent));
            }

            levels.Add(current);
        }

        // Categories: top, second and third level, dotted.
        int top = Math.Max(1, categories / 50);
        int second = Math.Min(categories - top, categories / 5);
        int third = categories - top - second;
        var categoryList = new List<string>(categories);
        for (int i = 0; i < top; i++)
        {
            categoryList.Add($"m{i:D3}");
        }

        for (int i = 0; i < second; i++)
        {
            categoryList.Add($"{categoryList[rng.Next(top)]}.s{i:D4}");
        }

        for (int i = 0; i < third; i++)
        {
            categoryList.Add($"{categoryList[top + rng.Next(Math.Max(1, second))]}.t{i:D4}");
        }

        // Units: a government per region above the towns, departments for the country, provinces and
        // cities, an office per town.
        var units = new List<HandlingUnit> { new("hotline", "12345 Hotline Office") };
        for (int level = 0; level <= 3; level++)
        {
            foreach (var code in levels[level])
            {
                units.Add(new HandlingUnit($"{code}-gov", $"Government {code}"));
                if (level <= 2)
                {
                    for (int d = 0; d < DepartmentsPerGovernment; d++)
                    {
                        units.Add(new HandlingUnit($"{code}-d{d:D2}", $"Department {d} of {code}"));
                    }
                }
            }
        }

        foreach (var code in levels[4])
        {
            units.Add(new HandlingUnit($"{code}-office", $"Street office {code}"));
        }

        // The enclosing city, province or country of a region, for picking departments.
        var parentOf = regionList.ToDictionary(r => r.Code, r => r.Parent, StringComparer.Ordinal);
        string DepartmentSite(string code, int level)
        {
            while (level > 2)
            {
                code = parentOf[code]!;
                level--;
            }

            return code;
        }

        string[] subOffices = ["Comprehensive Law Enforcement Team", "Community Affairs Office", "Safety Office", "Urban Management Office"];
        long pairs = (long)categoryList.Count * regionList.Count;
        int target = (int)Math.Min(entries, pairs);
        var taken = new HashSet<(int, int)>(target);
        var entryList = new List<CatalogEntry>(target);
        double[] levelWeights = [0.005, 0.03, 0.15, 0.35, 0.465];
        while (entryList.Count < target)
        {
            int c = rng.Next(categoryList.Count);
            double roll = rng.NextDouble();
            int level = 0;
            while (level < 4 && (roll -= levelWeights[level]) > 0)
            {
                level++;
            }

            while (levels[level].Count == 0)
            {
                level--;
            }

            int r = rng.Next(levels[level].Count);
            if (!taken.Add((c, level * 1_000_000 + r)))
            {
                if (taken.Count >= pairs)
                {
                    break;
                }

                continue;
            }

            string region = levels[level][r];
            string site = DepartmentSite(region, level);
            string unit = level == 4 ? $"{region}-office"
                : rng.Next(3) == 0 ? $"{region}-gov"
                : $"{site}-d{rng.Next(DepartmentsPerGovernment):D2}";
            int coCount = rng.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => 2 };
            var co = new List<string>(coCount);
            for (int k = 0; k < coCount; k++)
            {
                string candidate = $"{site}-d{rng.Next(DepartmentsPerGovernment):D2}";
                if (candidate != unit && !co.Contains(candidate))
                {
                    co.Add(candidate);
                }
            }

            WorkingDuration? limit = rng.Next(10) switch
            {
                < 7 => WorkingDuration.WorkingDays(1 + rng.Next(15)),
                7 => WorkingDuration.WorkingHours(1 + rng.Next(48)),
                _ => null,
            };
            entryList.Add(new CatalogEntry(
                categoryList[c],
                $"Matter {categoryList[c]}",
                rng.Next(4) == 0 ? $"Regulation {rng.Next(1, 200)} art. {rng.Next(1, 60)}" : null,
                region,
                unit,
                [.. co],
                level == 4 ? subOffices[rng.Next(subOffices.Length)] : null,
                limit));
        }

        return DispatchCatalog.Create(
            $"synthetic-{seed}-{categories}x{regions}x{entries}", regionList, units, entryList, "hotline");
    }
}

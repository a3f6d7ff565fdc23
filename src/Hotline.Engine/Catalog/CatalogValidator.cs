using System.Collections.Immutable;
using Hotline.Engine.Calendar;

namespace Hotline.Engine.Catalog;

/// <summary>
/// Checks a <see cref="CatalogDraft"/> and builds the <see cref="DispatchCatalog"/>, or throws one
/// <see cref="CatalogException"/> listing every problem (spec §5: unknown units, unknown or cyclic parent
/// regions, two entries for the same category and region, bad durations, a missing default). Nothing
/// is built from an invalid draft, so a catalog is never half-loaded.
/// </summary>
internal static class CatalogValidator
{
    public static DispatchCatalog Validate(CatalogDraft draft)
    {
        var problems = new List<string>(draft.Problems);

        var version = CatalogDraft.Clean(draft.Version);
        if (version is null)
        {
            problems.Add($"{draft.VersionWhere}: the catalog version is missing (e.g. \"2026-03\")");
        }

        // Units: unique ids.
        var unitWhere = new Dictionary<string, CatalogDraft.Location>(StringComparer.Ordinal);
        var units = ImmutableArray.CreateBuilder<HandlingUnit>(draft.Units.Count);
        foreach (var u in draft.Units)
        {
            var id = CatalogDraft.Clean(u.Id);
            if (id is null)
            {
                problems.Add($"{u.Where}: the unit id is missing");
                continue;
            }

            if (!unitWhere.TryAdd(id, u.Where))
            {
                problems.Add($"{u.Where} ({id}): unit id '{id}' is listed twice, first at {unitWhere[id]}");
                continue;
            }

            units.Add(new HandlingUnit(id, CatalogDraft.Clean(u.Name) ?? string.Empty));
        }

        // Regions: unique codes, known parents, no cycles.
        var parentOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        var regionWhere = new Dictionary<string, CatalogDraft.Location>(StringComparer.Ordinal);
        var regions = ImmutableArray.CreateBuilder<Region>(draft.Regions.Count);
        foreach (var r in draft.Regions)
        {
            var code = CatalogDraft.Clean(r.Code);
            if (code is null)
            {
                problems.Add($"{r.Where}: the region code is missing");
                continue;
            }

            if (!regionWhere.TryAdd(code, r.Where))
            {
                problems.Add($"{r.Where} ({code}): region code '{code}' is listed twice, first at {regionWhere[code]}");
                continue;
            }

            var parent = CatalogDraft.Clean(r.Parent);
            parentOf[code] = parent;
            regions.Add(new Region(code, CatalogDraft.Clean(r.Name) ?? string.Empty, parent));
        }

        foreach (var region in regions)
        {
            if (region.Parent is { } p && !parentOf.ContainsKey(p))
            {
                problems.Add($"{regionWhere[region.Code]} ({region.Code}): parent region '{p}' is not in regions");
            }
        }

        FindCycles(regions, parentOf, regionWhere, problems);

        // Entries: known region and units, a valid limit, one entry per category and region.
        var entryWhere = new Dictionary<(string Category, string Region), CatalogDraft.Location>();
        var entries = ImmutableArray.CreateBuilder<CatalogEntry>(draft.Entries.Count);
        foreach (var e in draft.Entries)
        {
            var category = CatalogDraft.Clean(e.Category);
            var regionCode = CatalogDraft.Clean(e.Region);
            var unit = CatalogDraft.Clean(e.Unit);
            var where = new EntryLabel(e.Where, category, regionCode);
            int before = problems.Count;
            if (category is null)
            {
                problems.Add($"{where}: the category is missing");
            }

            if (regionCode is null)
            {
                problems.Add($"{where}: the region is missing");
            }
            else if (!parentOf.ContainsKey(regionCode))
            {
                problems.Add($"{where}: region '{regionCode}' is not in regions");
            }

            if (unit is null)
            {
                problems.Add($"{where}: the unit is missing");
            }
            else if (!unitWhere.ContainsKey(unit))
            {
                problems.Add($"{where}: unit '{unit}' is not in units");
            }

            var co = e.CoHandlers.Count == 0 ? null : ImmutableArray.CreateBuilder<string>(e.CoHandlers.Count);
            foreach (var raw in e.CoHandlers)
            {
                var c = CatalogDraft.Clean(raw);
                if (c is null)
                {
                    problems.Add($"{where}: a co-handler id is empty");
                }
                else if (!unitWhere.ContainsKey(c))
                {
                    problems.Add($"{where}: co-handler '{c}' is not in units");
                }
                else if (c == unit || co!.Contains(c))
                {
                    problems.Add($"{where}: co-handler '{c}' is named twice (or is the lead unit)");
                }
                else
                {
                    co.Add(c);
                }
            }

            WorkingDuration? limit = null;
            var limitText = CatalogDraft.Clean(e.Limit);
            if (limitText is not null)
            {
                if (WorkingDuration.TryParse(limitText, out var d))
                {
                    limit = d;
                }
                else
                {
                    problems.Add($"{where}: limit '{limitText}' is not a duration (expected a whole number and wd, wh, h or d, e.g. 5wd)");
                }
            }

            if (category is not null && regionCode is not null
                && !entryWhere.TryAdd((category, regionCode), e.Where))
            {
                problems.Add($"{where}: a second entry for category '{category}' and region '{regionCode}', first at {entryWhere[(category, regionCode)]}");
            }

            if (problems.Count == before)
            {
                entries.Add(new CatalogEntry(
                    category!,
                    CatalogDraft.Clean(e.Name) ?? string.Empty,
                    CatalogDraft.Clean(e.Basis),
                    regionCode!,
                    unit!,
                    co is null ? [] : co.DrainToImmutable(),
                    CatalogDraft.Clean(e.SubOffice),
                    limit));
            }
        }

        var defaultUnit = CatalogDraft.Clean(draft.DefaultUnit);
        if (defaultUnit is null)
        {
            problems.Add($"{draft.DefaultWhere}: the default unit is missing (the unit that takes tickets no entry matches, e.g. the 12345 hotline office)");
        }
        else if (!unitWhere.ContainsKey(defaultUnit))
        {
            problems.Add($"{draft.DefaultWhere}: default unit '{defaultUnit}' is not in units");
        }

        if (problems.Count > 0)
        {
            throw new CatalogException(draft.Source, problems);
        }

        return new DispatchCatalog(
            version!, regions.DrainToImmutable(), units.DrainToImmutable(), entries.DrainToImmutable(), defaultUnit!);
    }

    // "entries[3] (noise @ 430102)": an entry named by where it is and what it says; formatted only
    // when a problem is reported.
    private readonly record struct EntryLabel(CatalogDraft.Location Where, string? Category, string? Region)
    {
        public override string ToString() => $"{Where} ({Category ?? "?"} @ {Region ?? "?"})";
    }

    // A parent chain that comes back to itself; each cycle is reported once, at its first region.
    private static void FindCycles(
        ImmutableArray<Region>.Builder regions,
        Dictionary<string, string?> parentOf,
        Dictionary<string, CatalogDraft.Location> regionWhere,
        List<string> problems)
    {
        // 0 unseen, 1 on the current walk, 2 done.
        var state = new Dictionary<string, byte>(parentOf.Count, StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var region in regions)
        {
            path.Clear();
            string? node = region.Code;
            while (node is not null && parentOf.ContainsKey(node) && state.GetValueOrDefault(node) == 0)
            {
                state[node] = 1;
                path.Add(node);
                node = parentOf[node];
            }

            if (node is not null && state.GetValueOrDefault(node) == 1)
            {
                int start = path.IndexOf(node);
                var cycle = string.Join(" → ", path.Skip(start).Append(node));
                problems.Add($"{regionWhere[node]} ({node}): the parent chain is cyclic: {cycle}");
            }

            foreach (var p in path)
            {
                state[p] = 2;
            }
        }
    }
}

using System.Collections.Immutable;

namespace Hotline.Engine.Catalog;

/// <summary>
/// The dispatch catalog (派单目录, Zhongshan 2024 art. 15) as loaded and validated: for each matter
/// and place, the unit that handles it, with co-handlers, sub-office and deadline; the region tree;
/// the units; the default unit for tickets no entry matches; and a version, since the catalog changes
/// with law, reorganisations and coordination decisions (Changsha 2020 art. 23). Spec §5.
/// </summary>
/// <remarks>
/// <para>Immutable and valid by construction: every way to obtain one (<see cref="Create"/>,
/// <see cref="Load"/>, <see cref="LoadJson"/>, <see cref="FromJson"/>, <see cref="LoadCsv"/>) checks the
/// whole catalog and throws one <see cref="CatalogException"/> naming every problem, so an invalid
/// catalog is never half-loaded. Thread-safe.</para>
/// <para>This is the model; routing uses the lookup table
/// <see cref="Routing.CompiledCatalog.Compile(DispatchCatalog)"/> builds from it.</para>
/// </remarks>
public sealed partial class DispatchCatalog
{
    internal DispatchCatalog(
        string version,
        ImmutableArray<Region> regions,
        ImmutableArray<HandlingUnit> units,
        ImmutableArray<CatalogEntry> entries,
        string defaultUnit)
    {
        Version = version;
        Regions = regions;
        Units = units;
        Entries = entries;
        DefaultUnit = defaultUnit;
    }

    /// <summary>The catalog's version, e.g. <c>2026-03</c>; echoed as <c>catalogVersion</c> on <c>dispatched</c>.</summary>
    public string Version { get; }

    /// <summary>The region tree, in file order; each region's parent is listed in it.</summary>
    public ImmutableArray<Region> Regions { get; }

    /// <summary>The handling units, in file order.</summary>
    public ImmutableArray<HandlingUnit> Units { get; }

    /// <summary>The entries, in file order; at most one per category and region.</summary>
    public ImmutableArray<CatalogEntry> Entries { get; }

    /// <summary>The id of the unit that takes tickets no entry matches (<c>byDefault: true</c>).</summary>
    public string DefaultUnit { get; }

    /// <summary>
    /// Builds and validates a catalog from its parts (programmatic construction, tests, generators).
    /// </summary>
    /// <exception cref="CatalogException">The parts do not form a valid catalog; every problem is listed,
    /// items named as <c>regions[i]</c>, <c>units[i]</c>, <c>entries[i]</c>.</exception>
    public static DispatchCatalog Create(
        string version,
        IEnumerable<Region> regions,
        IEnumerable<HandlingUnit> units,
        IEnumerable<CatalogEntry> entries,
        string defaultUnit)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(entries);
        var draft = new CatalogDraft("catalog") { Version = version, DefaultUnit = defaultUnit };
        int i = 0;
        foreach (var r in regions)
        {
            draft.Regions.Add(new CatalogDraft.RawRegion(r.Code, r.Name, r.Parent, new CatalogDraft.Location("regions", i++, IsLine: false)));
        }

        i = 0;
        foreach (var u in units)
        {
            draft.Units.Add(new CatalogDraft.RawUnit(u.Id, u.Name, new CatalogDraft.Location("units", i++, IsLine: false)));
        }

        i = 0;
        foreach (var e in entries)
        {
            draft.Entries.Add(new CatalogDraft.RawEntry(
                e.Category,
                e.Name,
                e.Basis,
                e.Region,
                e.Unit,
                e.CoHandlers.IsDefault ? [] : e.CoHandlers,
                e.SubOffice,
                e.Limit?.ToString(),
                new CatalogDraft.Location("entries", i++, IsLine: false)));
        }

        return CatalogValidator.Validate(draft);
    }

    /// <summary>
    /// Loads a catalog from <paramref name="path"/>: a file is read as JSON (spec §5), a folder as the
    /// CSV form (<see cref="LoadCsv"/>).
    /// </summary>
    /// <exception cref="CatalogException">The path does not exist, cannot be read, or holds an invalid
    /// catalog; the message names the file and every problem.</exception>
    public static DispatchCatalog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return LoadCsv(path);
        }

        if (File.Exists(path))
        {
            return LoadJson(path);
        }

        throw new CatalogException(path, ["no such file or folder"]);
    }
}

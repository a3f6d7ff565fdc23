using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;

namespace Hotline.Engine.Routing;

/// <summary>
/// A <see cref="DispatchCatalog"/> compiled into an immutable lookup table that routes a ticket in a
/// few array reads, with no hashing and no allocation once its category and region are interned.
/// </summary>
/// <remarks>
/// <para><b>The rule</b> (spec §5; locality first, Changzhi 三(二), Xiangfen 2022 art. 10): for category
/// c at region r take c's entry at r, else at r's parent, … up to the root; if none, repeat with c's
/// parent category (the part before its last <c>.</c>); if still none, the default unit. A region
/// outside the tree is out of jurisdiction.</para>
/// <para><b>Regions</b> are interned to dense ids in depth-first pre-order, so region r's subtree is the
/// id interval [r, end[r]). "The nearest ancestor of r that has an entry for c" is then "the innermost
/// of c's entry intervals that contains the point r". The intervals of one category come from a tree,
/// so they nest or are disjoint and cut the id line into pieces, each with one answer (an entry, or
/// none). A category's <b>table</b> is its sorted piece starts (the first at 0) with their answers;
/// routing c at r is one binary search for the last piece start ≤ r: the region walk of the rule, done
/// ahead of time.</para>
/// <para><b>Categories</b> (every category named by an entry and every dotted prefix of one) are interned
/// to dense ids, parents before children. Where c has no entry the rule asks c's parent category, so at
/// compile time c's own pieces are laid over the table of its nearest ancestor with entries, which was
/// built first and already answers for the levels above: one search then settles every category level.
/// That copy is made only when the ancestor's table is at most 2 × c's own pieces + 64; otherwise (a
/// huge parent with a small child) c keeps its own pieces and a link <c>_next</c> to the ancestor, and a
/// route that finds "none" searches again there. Categories without entries have no table and route
/// straight to the nearest ancestor's (<c>_first</c>). A category string not in the catalog routes by its
/// longest known dotted prefix (<c>noise.construction.night</c> → <c>noise.construction</c> →
/// <c>noise</c>), else by default.</para>
/// <para><b>Cost</b>: a route reads <c>_first</c>, then one binary search per table tried: one table
/// usually, at most the category's dotted depth. A search over k pieces (k ≤ 2n + 1 for n own entries,
/// plus the copied ones) is branch-free, ⌈log₂ k⌉ reads of a contiguous int slice, then one read of the
/// answer. From strings add one frozen-dictionary probe for the region and one per dotted prefix tried
/// for the category, through span lookups that allocate nothing. <b>Memory</b>: 8 bytes per piece; own
/// pieces are ≤ 2 per entry + 1 per category, and copies at most 2 × own + 64 per category, so pieces are
/// within a constant factor of entries + categories; plus 12 bytes per region and per category, 20 per
/// entry row, and the frozen dictionaries. Nothing grows with categories × regions. Compilation is
/// O(E log E + R + C + pieces).</para>
/// <para><b>Example</b>: regions 430100 ⊃ {430102 ⊃ {430102001}, 430104}; ids 0: 430100, 1: 430102,
/// 2: 430102001, 3: 430104. Entries for <c>noise</c> at 430100 (e0) and 430102 (e1) give the table
/// [0: e0][1: e1][3: e0]. <c>noise</c> at 430102001 (id 2) finds the piece starting at 1 → e1, the
/// district's entry; at 430104 (id 3) → e0, the city's. An entry for <c>noise.night</c> at 430104 (e2)
/// alone would be [0: none][3: e2]; laid over <c>noise</c>'s table it becomes [0: e0][1: e1][3: e2].</para>
/// <para><b>Threads</b>: immutable after <see cref="Compile(DispatchCatalog)"/>; any thread may call
/// anything. Hot-swap versions through <see cref="CatalogRegistry"/>.</para>
/// </remarks>
public sealed partial class CompiledCatalog
{
    /// <summary>The interned id meaning "no category of the catalog": it routes to the default unit.</summary>
    public const int UnknownCategory = -1;

    private const int NoEntry = -1;

    // A category's table absorbs its ancestor's when the ancestor's is at most this many times its own
    // pieces, plus a slack for small categories: memory stays within a constant factor of the pieces.
    private const int MergeFactor = 2;
    private const int MergeSlack = 64;

    // Regions, indexed by id (depth-first pre-order): code, parent id (-1 for a root), end of subtree.
    private readonly string[] _regionCodes;
    private readonly int[] _regionParent;
    private readonly int[] _regionEnd;
    private readonly FrozenDictionary<string, int> _regionIds;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _regionLookup;

    // Categories, indexed by id: name, parent id (-1 for a top-level category), the nearest
    // self-or-ancestor with a table (_first), and the category to try when a table says "no entry"
    // (_next; -1 when the table already holds its ancestors' answers or there is none above).
    private readonly string[] _categoryNames;
    private readonly int[] _categoryParent;
    private readonly int[] _first;
    private readonly int[] _next;
    private readonly FrozenDictionary<string, int> _categoryIds;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _categoryLookup;

    // Category c's table is pieces _pieceStart[c] .. _pieceStart[c + 1] - 1: piece k starts at region
    // id _pieceAt[k] (ascending, the first at 0) and answers entry _pieceEntry[k] (-1: no entry).
    private readonly int[] _pieceStart;
    private readonly int[] _pieceAt;
    private readonly int[] _pieceEntry;

    // Units, indexed by id (catalog order).
    private readonly string[] _unitIds;
    private readonly FrozenDictionary<string, int> _unitLookupIds;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _unitLookup;

    // What a route reports, per entry; _defaultRow for byDefault and _outRow for out of jurisdiction.
    private readonly EntryRow[] _rows;
    private readonly EntryRow _defaultRow;
    private readonly EntryRow _outRow;
    private readonly int[] _coHandlers;

    /// <summary>The catalog this table was compiled from.</summary>
    public DispatchCatalog Source { get; }

    /// <summary>The catalog version (<c>catalogVersion</c> of <c>dispatched</c>).</summary>
    public string Version => Source.Version;

    /// <summary>The number of regions; region ids are 0 … <c>RegionCount - 1</c>.</summary>
    public int RegionCount => _regionCodes.Length;

    /// <summary>The number of interned categories (entry categories and their dotted prefixes); ids are
    /// 0 … <c>CategoryCount - 1</c>.</summary>
    public int CategoryCount => _categoryNames.Length;

    /// <summary>The number of units; unit ids are 0 … <c>UnitCount - 1</c>, in catalog order.</summary>
    public int UnitCount => _unitIds.Length;

    /// <summary>The number of levels of the region tree (1 for a lone root; 5 for China down to towns).</summary>
    public int RegionDepth { get; }

    /// <summary>The interned id of the default unit.</summary>
    public int DefaultUnit => _defaultRow.Lead;

    /// <summary>
    /// Routes category <paramref name="category"/> at region <paramref name="region"/>, both interned by
    /// this catalog, by the rule of spec §5. Allocation-free; see the type's remarks for the cost.
    /// </summary>
    /// <param name="category">An id from <see cref="ResolveCategory"/> or <see cref="TryGetCategory"/>, or
    /// <see cref="UnknownCategory"/> (routes by default).</param>
    /// <param name="region">An id from <see cref="TryGetRegion"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An id is not one of this catalog's.</exception>
    public Route Route(int category, int region)
    {
        if ((uint)region >= (uint)_regionCodes.Length || (uint)(category + 1) > (uint)_first.Length)
        {
            ThrowBadIds(category, region);
        }

        ref int pieceAt = ref MemoryMarshal.GetArrayDataReference(_pieceAt);
        int c = category < 0 ? -1 : _first[category];
        while (c >= 0)
        {
            // The last piece starting at or before region; branch-free, the first piece starts at 0.
            int lo = _pieceStart[c];
            int n = _pieceStart[c + 1] - lo;
            while (n > 1)
            {
                int half = n >> 1;
                lo = Unsafe.Add(ref pieceAt, lo + half) <= region ? lo + half : lo;
                n -= half;
            }

            int entry = _pieceEntry[lo];
            if (entry >= 0)
            {
                return new Route(this, entry);
            }

            c = _next[c];
        }

        return new Route(this, Routing.Route.DefaultEntry);
    }

    /// <summary>
    /// Routes a ticket by its category and region as written (spec §2 <c>receive</c>): a region not in
    /// the tree is out of jurisdiction; a category not in the catalog routes by its longest known dotted
    /// prefix, else by default. Allocation-free.
    /// </summary>
    public Route Route(ReadOnlySpan<char> category, ReadOnlySpan<char> region) =>
        _regionLookup.TryGetValue(region, out int r)
            ? Route(ResolveCategory(category), r)
            : new Route(this, Routing.Route.OutOfJurisdictionEntry);

    /// <summary>The route for a region outside the tree (for callers that checked the region themselves).</summary>
    public Route OutOfJurisdiction => new(this, Routing.Route.OutOfJurisdictionEntry);

    /// <summary>Finds a region's interned id; false when the region is not in the tree (out of jurisdiction).</summary>
    public bool TryGetRegion(ReadOnlySpan<char> code, out int region) => _regionLookup.TryGetValue(code, out region);

    /// <summary>The code of region <paramref name="region"/>.</summary>
    public string RegionCode(int region) => _regionCodes[region];

    /// <summary>The parent of region <paramref name="region"/>, or -1 for a root.</summary>
    public int RegionParent(int region) => _regionParent[region];

    /// <summary>Finds a category's interned id by its exact name; false when the catalog does not know it.</summary>
    public bool TryGetCategory(ReadOnlySpan<char> name, out int category) => _categoryLookup.TryGetValue(name, out category);

    /// <summary>
    /// Interns a category as routing reads it: its own id if known, else the id of its longest known
    /// dotted prefix, else <see cref="UnknownCategory"/>. Allocation-free.
    /// </summary>
    public int ResolveCategory(ReadOnlySpan<char> name)
    {
        while (true)
        {
            if (_categoryLookup.TryGetValue(name, out int id))
            {
                return id;
            }

            int dot = name.LastIndexOf('.');
            if (dot < 0)
            {
                return UnknownCategory;
            }

            name = name[..dot];
        }
    }

    /// <summary>The name of category <paramref name="category"/>, e.g. <c>noise.construction</c>.</summary>
    public string CategoryName(int category) => _categoryNames[category];

    /// <summary>The parent of category <paramref name="category"/> (the part before its last dot), or -1.</summary>
    public int CategoryParent(int category) => _categoryParent[category];

    /// <summary>Finds a unit's interned id; false when the catalog has no such unit (<c>unknown-unit</c>).</summary>
    public bool TryGetUnit(ReadOnlySpan<char> id, out int unit) => _unitLookup.TryGetValue(id, out unit);

    /// <summary>True when the catalog lists the unit (manual <c>dispatch</c> and <c>return-decision</c>
    /// name units that must exist, else <c>unknown-unit</c>).</summary>
    public bool IsKnownUnit(ReadOnlySpan<char> id) => _unitLookup.ContainsKey(id);

    /// <summary>The id of unit <paramref name="unit"/>, e.g. <c>city-housing</c>.</summary>
    public string UnitId(int unit) => _unitIds[unit];

    /// <summary>The display name of unit <paramref name="unit"/>.</summary>
    public string UnitName(int unit) => Source.Units[unit].Name;

    internal ref readonly EntryRow Row(int entry)
    {
        if (entry >= 0)
        {
            return ref _rows[entry];
        }

        return ref entry == Routing.Route.DefaultEntry ? ref _defaultRow : ref _outRow;
    }

    internal ReadOnlySpan<int> CoHandlerSpan(int entry)
    {
        ref readonly var row = ref Row(entry);
        return _coHandlers.AsSpan(row.CoStart, row.CoCount);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadIds(int category, int region) =>
        throw new ArgumentOutOfRangeException(
            (uint)region >= (uint)_regionCodes.Length ? nameof(region) : nameof(category),
            $"category {category} or region {region} is not an id of catalog {Version} ({CategoryCount} categories, {RegionCount} regions)");

    /// <summary>What a route reports for one entry (or for the default, or out of jurisdiction).</summary>
    internal readonly record struct EntryRow(int Lead, int CoStart, int CoCount, string? SubOffice, WorkingDuration? Limit);
}

using System.Collections.Frozen;
using Hotline.Engine.Catalog;

namespace Hotline.Engine.Routing;

// Building the table: intern regions in depth-first order, intern categories with their prefixes,
// cut each category's entry intervals into pieces. See the type's remarks for the layout.
public sealed partial class CompiledCatalog
{
    private CompiledCatalog(DispatchCatalog source, int mergeFactor, int mergeSlack)
    {
        Source = source;

        // Units, in catalog order.
        _unitIds = new string[source.Units.Length];
        var unitIds = new Dictionary<string, int>(source.Units.Length, StringComparer.Ordinal);
        for (int i = 0; i < _unitIds.Length; i++)
        {
            _unitIds[i] = source.Units[i].Id;
            unitIds.Add(_unitIds[i], i);
        }

        _unitLookupIds = unitIds.ToFrozenDictionary(StringComparer.Ordinal);
        _unitLookup = _unitLookupIds.GetAlternateLookup<ReadOnlySpan<char>>();

        // Regions in depth-first pre-order, roots and children in catalog order.
        int regionCount = source.Regions.Length;
        var fileIndex = new Dictionary<string, int>(regionCount, StringComparer.Ordinal);
        for (int i = 0; i < regionCount; i++)
        {
            fileIndex.Add(source.Regions[i].Code, i);
        }

        // Children as linked lists over file indices (first child, next sibling), kept in file order.
        var firstChild = new int[regionCount];
        var lastChild = new int[regionCount];
        var nextSibling = new int[regionCount];
        Array.Fill(firstChild, -1);
        Array.Fill(nextSibling, -1);
        var roots = new List<int>();
        for (int i = 0; i < regionCount; i++)
        {
            if (source.Regions[i].Parent is { } parentCode)
            {
                int p = fileIndex[parentCode];
                if (firstChild[p] < 0)
                {
                    firstChild[p] = i;
                }
                else
                {
                    nextSibling[lastChild[p]] = i;
                }

                lastChild[p] = i;
            }
            else
            {
                roots.Add(i);
            }
        }

        _regionCodes = new string[regionCount];
        _regionParent = new int[regionCount];
        _regionEnd = new int[regionCount];
        var idOfFile = new int[regionCount];
        var stack = new Stack<(int File, int ParentId, int Depth)>();
        int nextId = 0;
        int depth = 0;
        for (int k = roots.Count - 1; k >= 0; k--)
        {
            stack.Push((roots[k], -1, 1));
        }

        // Pre-order ids; a subtree's end is fixed once the walk leaves it, found below from sizes.
        var size = new int[regionCount];
        var children = new List<int>();
        while (stack.Count > 0)
        {
            var (file, parentId, d) = stack.Pop();
            int id = nextId++;
            idOfFile[file] = id;
            _regionCodes[id] = source.Regions[file].Code;
            _regionParent[id] = parentId;
            depth = Math.Max(depth, d);
            // Push children in reverse so the first child is visited first.
            children.Clear();
            for (int ch = firstChild[file]; ch >= 0; ch = nextSibling[ch])
            {
                children.Add(ch);
            }

            for (int j = children.Count - 1; j >= 0; j--)
            {
                stack.Push((children[j], id, d + 1));
            }
        }

        // Validation guarantees a tree (no cycles, known parents), so every region got an id.
        System.Diagnostics.Debug.Assert(nextId == regionCount, "every region is reachable from a root");

        // Subtree sizes bottom-up: in pre-order a child's id is greater than its parent's.
        for (int id = regionCount - 1; id >= 0; id--)
        {
            size[id] += 1;
            if (_regionParent[id] >= 0)
            {
                size[_regionParent[id]] += size[id];
            }
        }

        for (int id = 0; id < regionCount; id++)
        {
            _regionEnd[id] = id + size[id];
        }

        RegionDepth = depth;
        var regionIds = new Dictionary<string, int>(regionCount, StringComparer.Ordinal);
        for (int id = 0; id < regionCount; id++)
        {
            regionIds.Add(_regionCodes[id], id);
        }

        _regionIds = regionIds.ToFrozenDictionary(StringComparer.Ordinal);
        _regionLookup = _regionIds.GetAlternateLookup<ReadOnlySpan<char>>();

        // Categories: every entry category and each of its dotted prefixes.
        var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var parents = new List<int>();
        int entryCount = source.Entries.Length;
        var entryCategory = new int[entryCount];
        for (int e = 0; e < entryCount; e++)
        {
            entryCategory[e] = InternCategory(source.Entries[e].Category, categoryIds, names, parents);
        }

        int categoryCount = names.Count;
        _categoryNames = [.. names];
        _categoryParent = [.. parents];
        _categoryIds = categoryIds.ToFrozenDictionary(StringComparer.Ordinal);
        _categoryLookup = _categoryIds.GetAlternateLookup<ReadOnlySpan<char>>();

        // Entries grouped by category (counting sort), then by region id within a category.
        var countPerCategory = new int[categoryCount + 1];
        foreach (int c in entryCategory)
        {
            countPerCategory[c + 1]++;
        }

        for (int c = 0; c < categoryCount; c++)
        {
            countPerCategory[c + 1] += countPerCategory[c];
        }

        var byCategory = new int[entryCount];
        var regionOfSorted = new int[entryCount];
        var cursor = (int[])countPerCategory.Clone();
        for (int e = 0; e < entryCount; e++)
        {
            int slot = cursor[entryCategory[e]]++;
            byCategory[slot] = e;
            regionOfSorted[slot] = regionIds[source.Entries[e].Region];
        }

        for (int c = 0; c < categoryCount; c++)
        {
            int from = countPerCategory[c];
            int length = countPerCategory[c + 1] - from;
            if (length > 1)
            {
                Array.Sort(regionOfSorted, byCategory, from, length);
            }
        }

        // Pieces. Own pieces: a sweep over the category's intervals, sorted by start, with a stack of
        // the open ones. Then, parents before children, a category's table is its own pieces laid over
        // its nearest ancestor-with-entries' table when that table is small enough (so a route needs
        // one search), else its own pieces alone with a link to that ancestor (a second search).
        _first = new int[categoryCount];
        _next = new int[categoryCount];
        _pieceStart = new int[categoryCount + 1];
        var at = new List<int>((2 * entryCount) + categoryCount);
        var what = new List<int>((2 * entryCount) + categoryCount);
        var ownAt = new List<int>();
        var ownWhat = new List<int>();
        var open = new Stack<(int End, int Entry)>();
        for (int c = 0; c < categoryCount; c++)
        {
            int p = _categoryParent[c];
            int above = p < 0 ? -1 : _first[p];
            _pieceStart[c] = at.Count;
            bool hasEntries = countPerCategory[c + 1] > countPerCategory[c];
            if (!hasEntries)
            {
                _first[c] = above;
                _next[c] = -1;
                continue;
            }

            _first[c] = c;
            ownAt.Clear();
            ownWhat.Clear();
            Emit(ownAt, ownWhat, 0, NoEntry);
            for (int s = countPerCategory[c]; s < countPerCategory[c + 1]; s++)
            {
                int start = regionOfSorted[s];
                CloseUpTo(start, open, ownAt, ownWhat);
                Emit(ownAt, ownWhat, start, byCategory[s]);
                open.Push((_regionEnd[start], byCategory[s]));
            }

            CloseUpTo(int.MaxValue, open, ownAt, ownWhat);
            int aboveSize = above < 0 ? 0 : _pieceStart[above + 1] - _pieceStart[above];
            if (above >= 0 && aboveSize <= (mergeFactor * ownAt.Count) + mergeSlack)
            {
                Overlay(ownAt, ownWhat, at, what, _pieceStart[above], _pieceStart[above] + aboveSize);
                _next[c] = _next[above];
            }
            else
            {
                at.AddRange(ownAt);
                what.AddRange(ownWhat);
                _next[c] = above;
            }

            _pieceStart[c + 1] = at.Count;
        }

        // A category without entries has an empty slice; keep the starts monotone for the last one.
        _pieceStart[categoryCount] = at.Count;
        _pieceAt = [.. at];
        _pieceEntry = [.. what];

        // Rows: what each entry reports.
        _rows = new EntryRow[entryCount];
        var co = new List<int>();
        for (int e = 0; e < entryCount; e++)
        {
            var entry = source.Entries[e];
            int coStart = co.Count;
            foreach (var u in entry.CoHandlers)
            {
                co.Add(unitIds[u]);
            }

            _rows[e] = new EntryRow(unitIds[entry.Unit], coStart, co.Count - coStart, entry.SubOffice, entry.Limit);
        }

        _coHandlers = [.. co];
        _defaultRow = new EntryRow(unitIds[source.DefaultUnit], 0, 0, null, null);
        _outRow = new EntryRow(-1, 0, 0, null, null);
    }

    /// <summary>
    /// Compiles a validated catalog into a routing table. O(E log E + R + C) time for E entries,
    /// R regions and C categories; a few MB for a national catalog (see the type's remarks).
    /// </summary>
    public static CompiledCatalog Compile(DispatchCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CompiledCatalog(catalog, MergeFactor, MergeSlack);
    }

    /// <summary>
    /// Compiles with another copy budget: an ancestor's table is laid into a child's when it has at most
    /// <c>mergeFactor × own + mergeSlack</c> pieces (a negative slack never copies, so every category
    /// level is its own search). For tests of every mix of both paths.
    /// </summary>
    internal static CompiledCatalog Compile(DispatchCatalog catalog, int mergeFactor, int mergeSlack) =>
        new(catalog, mergeFactor, mergeSlack);

    // Interns a category and its missing prefixes, parents first; returns its id.
    private static int InternCategory(string name, Dictionary<string, int> ids, List<string> names, List<int> parents)
    {
        if (ids.TryGetValue(name, out int id))
        {
            return id;
        }

        int dot = name.LastIndexOf('.');
        int parent = dot < 0 ? -1 : InternCategory(name[..dot], ids, names, parents);
        id = names.Count;
        ids.Add(name, id);
        names.Add(name);
        parents.Add(parent);
        return id;
    }

    // Ends the open intervals that end at or before position; the piece after each end belongs to the
    // enclosing open interval, or to no entry.
    private static void CloseUpTo(int position, Stack<(int End, int Entry)> open, List<int> at, List<int> what)
    {
        while (open.Count > 0 && open.Peek().End <= position)
        {
            int end = open.Pop().End;
            int enclosing = open.Count > 0 ? open.Peek().Entry : NoEntry;
            Emit(at, what, end, enclosing);
        }
    }

    // Appends own pieces laid over the table at[from..to) of an ancestor category: at each piece start
    // of either, the own entry if there is one, else the ancestor's. Both begin at 0.
    private static void Overlay(List<int> ownAt, List<int> ownWhat, List<int> at, List<int> what, int from, int to)
    {
        // The output goes to the end of the same lists the ancestor's table lives in; read it first.
        var aboveAt = at.GetRange(from, to - from);
        var aboveWhat = what.GetRange(from, to - from);
        int outStart = at.Count;
        int i = 0;
        int j = 0;
        int own = NoEntry;
        int inherited = NoEntry;
        while (i < ownAt.Count || j < aboveAt.Count)
        {
            int x = Math.Min(i < ownAt.Count ? ownAt[i] : int.MaxValue, j < aboveAt.Count ? aboveAt[j] : int.MaxValue);
            if (i < ownAt.Count && ownAt[i] == x)
            {
                own = ownWhat[i++];
            }

            if (j < aboveAt.Count && aboveAt[j] == x)
            {
                inherited = aboveWhat[j++];
            }

            EmitFrom(at, what, outStart, x, own != NoEntry ? own : inherited);
        }
    }

    private static void Emit(List<int> at, List<int> what, int start, int entry) => EmitFrom(at, what, 0, start, entry);

    // Appends a piece start to the table that begins at index first; a start equal to the last one
    // replaces it, and a piece with the same entry as the one before it is merged into it.
    private static void EmitFrom(List<int> at, List<int> what, int first, int start, int entry)
    {
        if (at.Count > first && at[^1] == start)
        {
            at.RemoveAt(at.Count - 1);
            what.RemoveAt(what.Count - 1);
        }

        if (at.Count > first && what[^1] == entry)
        {
            return;
        }

        at.Add(start);
        what.Add(entry);
    }
}

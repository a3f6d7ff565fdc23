using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Statistics;

/// <summary>
/// The countable events in time order — the time index the report reads (spec §6). Events are
/// appended in non-decreasing instant order (the clock never goes back), so a window [from, to) is
/// found by binary search and read in O(log n + events in the window).
/// </summary>
/// <remarks>
/// About 32 bytes an event; unit ids are interned. Owned by the partition's single writer.
/// </remarks>
internal sealed class EventHistory(KeyInterner unitKeys)
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public void Add(Instant at, HistoryKind kind, int unit, int ticket, long seq, bool flag) =>
        _entries.Add(new Entry(at.ToUnixTimeTicks(), seq, ticket, unit, kind, flag));

    /// <summary>Counts [from, to) per unit (only <paramref name="unit"/> when given), ratings as they stand now.</summary>
    public Report Report(Instant from, Instant to, string? unit, IReadOnlyList<Ticket> tickets)
    {
        long a = from.ToUnixTimeTicks(), b = to.ToUnixTimeTicks();
        int filter = unit is null ? -1 : unitKeys.TryGet(unit, out int id) ? id : -2;
        var counts = new Dictionary<int, Counts>();
        var overdue = new HashSet<(int Unit, int Ticket)>();
        for (int i = LowerBound(a); i < _entries.Count && _entries[i].At < b; i++)
        {
            var e = _entries[i];
            if (filter != -1 && e.Unit != filter)
            {
                continue;
            }

            if (!counts.TryGetValue(e.Unit, out var c))
            {
                counts[e.Unit] = c = new Counts();
            }

            switch (e.Kind)
            {
                case HistoryKind.Dispatched: c.Dispatched++; break;
                case HistoryKind.Signed when e.Flag: c.SignedOnTime++; break;
                case HistoryKind.Signed: c.SignedLate++; break;
                case HistoryKind.Returned: c.Returned++; break;
                case HistoryKind.Extended: c.Extended++; break;
                case HistoryKind.Closed:
                    c.Closed++;
                    c.ClosedOnTime += e.Flag ? 1 : 0;
                    break;
                case HistoryKind.HandleOverdue:
                    // §6: tickets with at least one handle overdue, each counted once per unit and report.
                    if (overdue.Add((e.Unit, e.Ticket)))
                    {
                        c.Overdue++;
                    }

                    break;
                case HistoryKind.Rated:
                    // The ticket's current rating, at its rated event; an approved appeal removes it (§6, §7.4).
                    var t = tickets[e.Ticket];
                    if (t.RatingSeq == e.Seq && !t.AppealApproved)
                    {
                        switch (t.Rating)
                        {
                            case "satisfied": c.Satisfied++; break;
                            case "basic": c.Basic++; break;
                            case "unsatisfied": c.Unsatisfied++; break;
                        }
                    }

                    break;
                case HistoryKind.Redo: c.Redo++; break;
            }
        }

        var units = counts
            .Select(kv => KeyValuePair.Create(unitKeys.Name(kv.Key), kv.Value.ToCounters()))
            .Where(kv => !kv.Value.IsEmpty)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList();
        return new Report(from, to, units);
    }

    private int LowerBound(long at)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_entries[mid].At < at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private readonly record struct Entry(long At, long Seq, int Ticket, int Unit, HistoryKind Kind, bool Flag);

    private sealed class Counts
    {
        public int Dispatched, SignedOnTime, SignedLate, Returned, Extended, Closed, ClosedOnTime, Overdue, Satisfied, Basic, Unsatisfied, Redo;

        public UnitCounters ToCounters() => new()
        {
            Dispatched = Dispatched, SignedOnTime = SignedOnTime, SignedLate = SignedLate, Returned = Returned,
            Extended = Extended, Closed = Closed, ClosedOnTime = ClosedOnTime, Overdue = Overdue,
            Satisfied = Satisfied, Basic = Basic, Unsatisfied = Unsatisfied, Redo = Redo,
        };
    }
}

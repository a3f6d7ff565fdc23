using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Statistics;

/// <summary>
/// Live counters kept as events happen, never by rescanning history: per local day, per unit,
/// category and region, the counters of spec §6 plus tickets received. Ratings count as they stand
/// now: a rating replaced by a manual callback's, cleared by a redo, or removed by an approved appeal
/// is taken off the day it was counted on.
/// </summary>
/// <remarks>
/// O(1) per event: three lookups keyed by (interned key, day number) packed in a long — no string
/// hashing on the hot path. Owned by the partition's single writer.
/// </remarks>
internal sealed class LiveStatistics(KeyInterner units, KeyInterner categories, KeyInterner regions)
{
    private readonly Dictionary<long, Counts>[] _counts = [[], [], []];

    public void Received(int day, Ticket t, int unit)
    {
        foreach (var c in Cells(day, t, unit))
        {
            c.Received++;
        }
    }

    public void Record(HistoryKind kind, int day, Ticket t, int unit, bool flag)
    {
        foreach (var c in Cells(day, t, unit))
        {
            switch (kind)
            {
                case HistoryKind.Dispatched: c.Dispatched++; break;
                case HistoryKind.Signed when flag: c.SignedOnTime++; break;
                case HistoryKind.Signed: c.SignedLate++; break;
                case HistoryKind.Returned: c.Returned++; break;
                case HistoryKind.Extended: c.Extended++; break;
                case HistoryKind.Closed:
                    c.Closed++;
                    c.ClosedOnTime += flag ? 1 : 0;
                    break;
                case HistoryKind.Redo: c.Redo++; break;
            }
        }

        if (kind == HistoryKind.HandleOverdue && t.OverdueCounted != (day, unit))
        {
            // Once per ticket, unit and day.
            t.OverdueCounted = (day, unit);
            foreach (var c in Cells(day, t, unit))
            {
                c.Overdue++;
            }
        }
    }

    /// <summary>The ticket's counted rating becomes <paramref name="rating"/> (null: it no longer counts).</summary>
    public void Rating(Ticket t, int day, int unit, string? rating)
    {
        if (t.CountedRating is { } old)
        {
            foreach (var c in Cells(old.Day, t, old.Unit))
            {
                c.AddRating(old.Rating, -1);
            }
        }

        t.CountedRating = rating is null || unit < 0 ? null : (day, unit, rating);
        if (t.CountedRating is { } now)
        {
            foreach (var c in Cells(now.Day, t, now.Unit))
            {
                c.AddRating(now.Rating, +1);
            }
        }
    }

    public IReadOnlyList<DailyCounters> Read(LocalDate from, LocalDate toExclusive)
    {
        int a = from.ToDateOnly().DayNumber, b = toExclusive.ToDateOnly().DayNumber;
        var result = new List<DailyCounters>();
        KeyInterner[] names = [units, categories, regions];
        for (int d = 0; d < 3; d++)
        {
            foreach (var (packed, counts) in _counts[d])
            {
                int day = (int)(packed & 0xFFFFFFFF);
                if (day >= a && day < b)
                {
                    result.Add(new DailyCounters(
                        LocalDate.FromDateOnly(DateOnly.FromDayNumber(day)), (StatisticsDimension)d, names[d].Name((int)(packed >> 32)),
                        counts.Received, counts.ToCounters()));
                }
            }
        }

        return [.. result.OrderBy(c => c.Day).ThenBy(c => c.Dimension).ThenBy(c => c.Key, StringComparer.Ordinal)];
    }

    /// <summary>The cells an event of <paramref name="t"/> counts in: its unit's (when it has one), category's and region's.</summary>
    private CellSet Cells(int day, Ticket t, int unit) => new(
        unit >= 0 ? Cell(0, unit, day) : null, Cell(1, t.CategoryKey, day), Cell(2, t.RegionKey, day));

    private Counts Cell(int dimension, int key, int day)
    {
        long packed = ((long)key << 32) | (uint)day;
        if (!_counts[dimension].TryGetValue(packed, out var c))
        {
            _counts[dimension][packed] = c = new Counts();
        }

        return c;
    }

    /// <summary>Up to three cells, enumerable without allocating.</summary>
    private readonly struct CellSet(Counts? unit, Counts category, Counts region)
    {
        public Enumerator GetEnumerator() => new(unit, category, region);

        public struct Enumerator(Counts? unit, Counts category, Counts region)
        {
            // 0: the unit's cell (skipped when there is none), 1: the category's, 2: the region's.
            private int _i = unit is null ? 0 : -1;

            public readonly Counts Current => _i switch { 0 => unit!, 1 => category, _ => region };

            public bool MoveNext() => ++_i <= 2;
        }
    }

    private sealed class Counts
    {
        public int Received, Dispatched, SignedOnTime, SignedLate, Returned, Extended, Closed, ClosedOnTime, Overdue, Satisfied, Basic, Unsatisfied, Redo;

        public void AddRating(string rating, int delta)
        {
            switch (rating)
            {
                case "satisfied": Satisfied += delta; break;
                case "basic": Basic += delta; break;
                default: Unsatisfied += delta; break;
            }
        }

        public UnitCounters ToCounters() => new()
        {
            Dispatched = Dispatched, SignedOnTime = SignedOnTime, SignedLate = SignedLate, Returned = Returned,
            Extended = Extended, Closed = Closed, ClosedOnTime = ClosedOnTime, Overdue = Overdue,
            Satisfied = Satisfied, Basic = Basic, Unsatisfied = Unsatisfied, Redo = Redo,
        };
    }
}

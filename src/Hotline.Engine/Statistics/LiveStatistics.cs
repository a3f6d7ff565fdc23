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
/// O(1) per event (three dictionary updates). Owned by the partition's single writer.
/// </remarks>
internal sealed class LiveStatistics
{
    private readonly Dictionary<(LocalDate Day, StatisticsDimension Dimension, string Key), Counts> _counts = [];

    public void Received(LocalDate day, Ticket t, string? unit)
    {
        foreach (var c in Cells(day, t, unit))
        {
            c.Received++;
        }
    }

    public void Record(HistoryKind kind, LocalDate day, Ticket t, string unit, bool flag)
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
    public void Rating(Ticket t, LocalDate day, string? unit, string? rating)
    {
        if (t.CountedRating is { } old)
        {
            foreach (var c in Cells(old.Day, t, old.Unit))
            {
                c.AddRating(old.Rating, -1);
            }
        }

        t.CountedRating = rating is null || unit is null ? null : (day, unit, rating);
        if (t.CountedRating is { } now)
        {
            foreach (var c in Cells(now.Day, t, now.Unit))
            {
                c.AddRating(now.Rating, +1);
            }
        }
    }

    public IReadOnlyList<DailyCounters> Read(LocalDate from, LocalDate toExclusive) =>
        [.. _counts
            .Where(kv => kv.Key.Day >= from && kv.Key.Day < toExclusive)
            .OrderBy(kv => kv.Key.Day).ThenBy(kv => kv.Key.Dimension).ThenBy(kv => kv.Key.Key, StringComparer.Ordinal)
            .Select(kv => new DailyCounters(kv.Key.Day, kv.Key.Dimension, kv.Key.Key, kv.Value.Received, kv.Value.ToCounters()))];

    private IEnumerable<Counts> Cells(LocalDate day, Ticket t, string? unit)
    {
        if (unit is not null)
        {
            yield return Cell(day, StatisticsDimension.Unit, unit);
        }

        yield return Cell(day, StatisticsDimension.Category, t.Category);
        yield return Cell(day, StatisticsDimension.Region, t.Region);
    }

    private Counts Cell(LocalDate day, StatisticsDimension dimension, string key)
    {
        if (!_counts.TryGetValue((day, dimension, key), out var c))
        {
            _counts[(day, dimension, key)] = c = new Counts();
        }

        return c;
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

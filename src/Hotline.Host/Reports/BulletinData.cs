using Hotline.Engine.Protocol;
using Hotline.Engine.Statistics;
using NodaTime;

namespace Hotline.Host.Reports;

/// <summary>
/// Everything a bulletin shows, read from the engine once: the §6 report for the period, the daily
/// counters of its days, the hot spots raised in it, and the sums the summary needs.
/// </summary>
/// <param name="Period">The period covered.</param>
/// <param name="Zone">The engine's zone; dates and instants are shown in it.</param>
/// <param name="Unit">The one unit reported on, or null for every unit.</param>
/// <param name="Report">The §6 report over the period.</param>
/// <param name="Daily">The daily counters of the period's days.</param>
/// <param name="Hotspots">Every <c>hotspot</c> event raised so far; the bulletin keeps those in the period.</param>
/// <param name="Clock">The engine clock: the data is as of this instant.</param>
/// <param name="Names">Display names for ids, when a catalog was given.</param>
internal sealed record BulletinData(
    ReportPeriod Period,
    DateTimeZone Zone,
    string? Unit,
    Report Report,
    IReadOnlyList<DailyCounters> Daily,
    IReadOnlyList<EngineEvent> Hotspots,
    Instant? Clock,
    CatalogNames Names)
{
    /// <summary>
    /// Tickets received per day: the sum over categories (every ticket has one), or the unit's own
    /// counter when the bulletin is for one unit. Every day of the period appears, zero or not.
    /// </summary>
    public IReadOnlyList<(LocalDate Day, int Received)> ReceivedByDay()
    {
        var dimension = Unit is null ? StatisticsDimension.Category : StatisticsDimension.Unit;
        var byDay = Daily
            .Where(d => d.Dimension == dimension && (Unit is null || string.Equals(d.Key, Unit, StringComparison.Ordinal)))
            .GroupBy(d => d.Day)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Received));
        return [.. Period.Days.Select(day => (day, byDay.GetValueOrDefault(day)))];
    }

    /// <summary>Tickets received in the period, by category or region, most first (then by key).</summary>
    public IReadOnlyList<(string Key, int Received)> ReceivedBy(StatisticsDimension dimension) =>
        [.. Daily
            .Where(d => d.Dimension == dimension)
            .GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Received: g.Sum(d => d.Received)))
            .Where(x => x.Received > 0)
            .OrderByDescending(x => x.Received)
            .ThenBy(x => x.Key, StringComparer.Ordinal)];

    /// <summary>The report's units by volume (dispatched, then closed, descending; then id).</summary>
    public IReadOnlyList<KeyValuePair<string, UnitCounters>> UnitsByVolume() =>
        [.. Report.Units
            .OrderByDescending(u => u.Value.Dispatched)
            .ThenByDescending(u => u.Value.Closed)
            .ThenBy(u => u.Key, StringComparer.Ordinal)];

    /// <summary>Every unit's counters added up; its rates are the period's overall rates.</summary>
    public UnitCounters Totals()
    {
        var units = Report.Units.Select(u => u.Value).ToList();
        return new UnitCounters
        {
            Dispatched = units.Sum(c => c.Dispatched),
            SignedOnTime = units.Sum(c => c.SignedOnTime),
            SignedLate = units.Sum(c => c.SignedLate),
            Returned = units.Sum(c => c.Returned),
            Extended = units.Sum(c => c.Extended),
            Closed = units.Sum(c => c.Closed),
            ClosedOnTime = units.Sum(c => c.ClosedOnTime),
            Overdue = units.Sum(c => c.Overdue),
            Satisfied = units.Sum(c => c.Satisfied),
            Basic = units.Sum(c => c.Basic),
            Unsatisfied = units.Sum(c => c.Unsatisfied),
            Redo = units.Sum(c => c.Redo),
        };
    }

    /// <summary>The hot spots raised in the period, largest count first, then earliest.</summary>
    public IReadOnlyList<EngineEvent> HotspotsInPeriod() =>
        [.. Hotspots
            .Where(e => e.At is { } at && at >= Period.From && at < Period.To)
            .OrderByDescending(e => e.Count ?? 0)
            .ThenBy(e => e.At)
            .ThenBy(e => e.Category, StringComparer.Ordinal)
            .ThenBy(e => e.Region, StringComparer.Ordinal)];
}

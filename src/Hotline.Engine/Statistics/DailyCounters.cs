using NodaTime;

namespace Hotline.Engine.Statistics;

/// <summary>One day's live counts for one unit, category or region.</summary>
/// <param name="Day">The local day the events happened on.</param>
/// <param name="Dimension">What <paramref name="Key"/> names.</param>
/// <param name="Key">The unit id, category or region code.</param>
/// <param name="Received">Tickets accepted that day (answered at intake included).</param>
/// <param name="Counts">The counters of spec §6 for that day; a ticket overdue twice in a day counts once.</param>
public sealed record DailyCounters(LocalDate Day, StatisticsDimension Dimension, string Key, int Received, UnitCounters Counts);

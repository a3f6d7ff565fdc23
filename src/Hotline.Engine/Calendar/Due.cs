using NodaTime;

namespace Hotline.Engine.Calendar;

/// <summary>
/// An instant computed by a <see cref="WorkingCalendar"/>, with whether computing it consulted a
/// date in a year no holiday schedule covers (spec §3 and §7.14 <c>uncovered</c>).
/// </summary>
/// <param name="Instant">The computed instant.</param>
/// <param name="Uncovered">
/// True when a date in an uncovered year was counted as a plain weekday or weekend day, so the
/// result may change once that year's State Council notice is loaded.
/// </param>
public readonly record struct Due(Instant Instant, bool Uncovered);

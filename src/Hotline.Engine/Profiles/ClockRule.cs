using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// A clock that starts at a chosen event: the <c>sign</c> clock and the <c>return</c> window
/// (spec §2.2). JSON: <c>{"limit": "2wd", "from": "sign", "urgent": "1wd"}</c>; <c>from</c> defaults to
/// <c>dispatch</c>, <c>urgent</c> to none.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class ClockRule
{
    /// <summary>Creates a clock rule.</summary>
    /// <param name="limit">The limit for an ordinary ticket.</param>
    /// <param name="from">The event the clock counts from.</param>
    /// <param name="urgent">The limit for a ticket received with <c>urgent: true</c>; null = the ordinary limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined value.</exception>
    public ClockRule(WorkingDuration limit, ClockStart from = ClockStart.Dispatch, WorkingDuration? urgent = null)
    {
        if (!Enum.IsDefined(from))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown clock start.");
        }

        Limit = limit;
        From = from;
        Urgent = urgent;
    }

    /// <summary>The limit for an ordinary ticket.</summary>
    public WorkingDuration Limit { get; }

    /// <summary>The limit for a ticket received with <c>urgent: true</c>; null = <see cref="Limit"/>.</summary>
    public WorkingDuration? Urgent { get; }

    /// <summary>The event the clock counts from.</summary>
    public ClockStart From { get; }

    /// <summary>The limit that applies to a ticket: <see cref="Urgent"/> for an urgent one when set, else <see cref="Limit"/>.</summary>
    public WorkingDuration LimitFor(bool urgent) => urgent && Urgent is { } u ? u : Limit;
}

using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// A clock whose start the protocol fixes, so it has no <c>from</c>: the <c>manualCallback</c> clock
/// (from <c>callback-required</c>) and the <c>appeal</c> window (from the <c>rated</c> event), spec §2.2.
/// JSON: <c>{"limit": "5wd", "urgent": "2wd"}</c>.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class LimitRule
{
    /// <summary>Creates a limit rule.</summary>
    /// <param name="limit">The limit for an ordinary ticket.</param>
    /// <param name="urgent">The limit for a ticket received with <c>urgent: true</c>; null = the ordinary limit.</param>
    public LimitRule(WorkingDuration limit, WorkingDuration? urgent = null)
    {
        Limit = limit;
        Urgent = urgent;
    }

    /// <summary>The limit for an ordinary ticket.</summary>
    public WorkingDuration Limit { get; }

    /// <summary>The limit for a ticket received with <c>urgent: true</c>; null = <see cref="Limit"/>.</summary>
    public WorkingDuration? Urgent { get; }

    /// <summary>The limit that applies to a ticket: <see cref="Urgent"/> for an urgent one when set, else <see cref="Limit"/>.</summary>
    public WorkingDuration LimitFor(bool urgent) => urgent && Urgent is { } u ? u : Limit;
}

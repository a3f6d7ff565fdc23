using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// The automatic callback: a caller who does not rate within <see cref="Limit"/> after
/// <c>callback-sent</c> (mode auto) is rated <see cref="DefaultRating"/> (spec §2.2 "callback").
/// JSON: <c>{"limit": "72h", "default": "basic"}</c>; <c>default</c> defaults to <c>basic</c>.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class CallbackAutoRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="limit">How long the caller has to rate an automatic callback.</param>
    /// <param name="defaultRating">The rating given when the caller does not answer in time.</param>
    /// <param name="urgent">The limit for a ticket received with <c>urgent: true</c>; null = the ordinary limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultRating"/> is not a defined value.</exception>
    public CallbackAutoRule(WorkingDuration limit, CallbackRating defaultRating = CallbackRating.Basic, WorkingDuration? urgent = null)
    {
        if (!Enum.IsDefined(defaultRating))
        {
            throw new ArgumentOutOfRangeException(nameof(defaultRating), defaultRating, "Unknown rating.");
        }

        Limit = limit;
        DefaultRating = defaultRating;
        Urgent = urgent;
    }

    /// <summary>How long the caller has to rate an automatic callback (Changsha 2020 art. 26: 72 hours).</summary>
    public WorkingDuration Limit { get; }

    /// <summary>The limit for a ticket received with <c>urgent: true</c>; null = <see cref="Limit"/>.</summary>
    public WorkingDuration? Urgent { get; }

    /// <summary>The rating an unanswered automatic callback counts as (Changsha 2020 art. 26: basically satisfied).</summary>
    public CallbackRating DefaultRating { get; }

    /// <summary>The limit that applies to a ticket: <see cref="Urgent"/> for an urgent one when set, else <see cref="Limit"/>.</summary>
    public WorkingDuration LimitFor(bool urgent) => urgent && Urgent is { } u ? u : Limit;
}

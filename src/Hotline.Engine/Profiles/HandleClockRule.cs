using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;

namespace Hotline.Engine.Profiles;

/// <summary>
/// The handle clock (办理时限, spec §2.2 "handle"): its start event and its limits by kind, with the
/// optional limits for tickets received <c>complex: true</c> and <c>urgent: true</c>. JSON:
/// <c>{"from": "sign", "limit": {"consultation": "3wd", "default": "10wd"}, "complex": "5wd", "urgent": null}</c>.
/// </summary>
/// <remarks>Immutable; thread-safe; <see cref="LimitFor"/> allocates nothing.</remarks>
public sealed class HandleClockRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="from">The event the clock counts from.</param>
    /// <param name="limit">The ordinary limits; must give every kind a limit (by name or by default).</param>
    /// <param name="complex">Limits for complex tickets, or null for none.</param>
    /// <param name="urgent">Limits for urgent tickets, or null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="limit"/> leaves a kind without a limit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined value.</exception>
    public HandleClockRule(ClockStart from, KindLimits limit, KindLimits? complex = null, KindLimits? urgent = null)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (!Enum.IsDefined(from))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown clock start.");
        }

        if (!limit.CoversEveryKind)
        {
            throw new ArgumentException("The handle limit needs a default or an entry for every kind.", nameof(limit));
        }

        From = from;
        Limit = limit;
        Complex = complex;
        Urgent = urgent;
    }

    /// <summary>The event the clock counts from.</summary>
    public ClockStart From { get; }

    /// <summary>The ordinary limit of each kind; covers every kind.</summary>
    public KindLimits Limit { get; }

    /// <summary>Limits for tickets received <c>complex: true</c>; kinds it does not cover keep their normal limit.</summary>
    public KindLimits? Complex { get; }

    /// <summary>Limits for tickets received <c>urgent: true</c>; kinds it does not cover keep their normal limit.</summary>
    public KindLimits? Urgent { get; }

    /// <summary>
    /// The handle limit of a ticket, by the precedence of spec §2.2: the receive's statutory
    /// <paramref name="statutory"/> limit &gt; this profile's urgent limit for an urgent ticket &gt; the
    /// catalog entry's <paramref name="catalogLimit"/> &gt; this profile's complex limit for a complex
    /// ticket &gt; this profile's limit for the kind. An urgent or complex table that does not cover
    /// the kind is skipped, so the ticket keeps the limit it would have had without the flag (§7.16).
    /// </summary>
    /// <param name="kind">The ticket's kind.</param>
    /// <param name="complex">Whether the ticket was received <c>complex: true</c>.</param>
    /// <param name="urgent">Whether the ticket was received <c>urgent: true</c>.</param>
    /// <param name="catalogLimit">The matched catalog entry's <c>limit</c>, if any.</param>
    /// <param name="statutory">The receive's <c>limit</c> (a statutory limit from law), if any.</param>
    /// <returns>The limit; never null for a rule built by its constructor, which requires every kind covered.</returns>
    public WorkingDuration? LimitFor(
        TicketKind kind, bool complex, bool urgent, WorkingDuration? catalogLimit, WorkingDuration? statutory)
    {
        // Changsha 2020 art. 19(3), Linyi 2016 art. 22(2): a limit set by law or regulation prevails.
        if (statutory is { } s)
        {
            return s;
        }

        if (urgent && Urgent?.For(kind) is { } u)
        {
            return u;
        }

        // Zhongshan 2024 art. 15: the dispatch catalog names each matter's deadline.
        if (catalogLimit is { } c)
        {
            return c;
        }

        // Linyi 2016 art. 22(2), Xiangfen 2022 art. 10(3): complex matters get the longer limit.
        if (complex && Complex?.For(kind) is { } x)
        {
            return x;
        }

        return Limit.For(kind);
    }
}

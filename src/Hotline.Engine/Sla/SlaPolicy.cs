using Hotline.Engine.Calendar;
using Hotline.Engine.Profiles;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Sla;

/// <summary>
/// A profile's clock rules applied through a calendar (spec §2.2): every due the engine arms is
/// computed here, so the re-basing rules live in one place. Stateless and immutable.
/// </summary>
internal sealed class SlaPolicy(PolicyProfile profile, WorkingCalendar calendar)
{
    public PolicyProfile Profile { get; } = profile;

    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>The sign due from a dispatch (Changsha 2020 art. 17: by the next working day).</summary>
    public Due? SignDue(Instant dispatchedAt, bool urgent) =>
        Profile.Sign is { } rule ? Calendar.Add(dispatchedAt, rule.LimitFor(urgent)) : null;

    /// <summary>The end of the return window when it starts at <paramref name="startedAt"/> (Changsha 2020 art. 17(2); Linyi 2016 art. 22).</summary>
    public Due? ReturnDue(Instant startedAt, bool urgent) =>
        Profile.Return is { } rule ? Calendar.Add(startedAt, rule.LimitFor(urgent)) : null;

    /// <summary>
    /// The ticket's effective handle limit: statutory &gt; urgent &gt; catalog entry &gt; complex &gt;
    /// kind (spec §2.2; Linyi 2016 art. 22(2) and Changsha 2020 art. 19(3): statutory limits
    /// override). Null when the profile has no handle clock or no limit for the ticket.
    /// </summary>
    public WorkingDuration? HandleLimit(TicketKind kind, bool complex, bool urgent, WorkingDuration? entryLimit, WorkingDuration? statutory) =>
        Profile.Handle?.LimitFor(kind, complex, urgent, entryLimit, statutory);

    /// <summary>The handle due of a clock (re)started at <paramref name="start"/>.</summary>
    public Due HandleDue(Instant start, WorkingDuration limit) => Calendar.Add(start, limit);

    /// <summary>
    /// The warning instant for a due, when the profile warns and that instant is after the clock's
    /// (re)start (spec §2.2 "warning"; Changsha 2020 art. 33: early warning on every stage).
    /// </summary>
    public Due? WarningAt(Instant due, Instant clockStart)
    {
        if (Profile.Warning is not { } rule)
        {
            return null;
        }

        var at = Calendar.Before(due, rule.Before);
        return at.Instant > clockStart ? at : null;
    }

    /// <summary>
    /// The handle due after a refused return: review time does not count (Zhongshan 2024 art. 17;
    /// Changsha 2020 art. 18). For working days, the working days after the return's date up to and
    /// including the decision's, counted on from the due's last day; for working hours, the working
    /// hours of the review; for hours or days, its elapsed time (spec §3 "Pauses").
    /// </summary>
    public Due Resume(Instant due, WorkingDuration limit, Instant returnedAt, Instant decidedAt)
    {
        switch (limit.Unit)
        {
            case DurationUnit.WorkingDays:
                {
                    int days = Calendar.WorkingDaysBetween(returnedAt, decidedAt, out bool uncovered);
                    var moved = Calendar.AddFromDue(due, WorkingDuration.WorkingDays(days));
                    return moved with { Uncovered = moved.Uncovered || uncovered };
                }

            case DurationUnit.WorkingHours:
                {
                    var review = Calendar.WorkingTimeBetween(returnedAt, decidedAt, out bool uncovered);
                    var moved = Calendar.AddWorkingTime(due, review);
                    return moved with { Uncovered = moved.Uncovered || uncovered };
                }

            default:
                return new Due(due + (decidedAt - returnedAt), false);
        }
    }

    /// <summary>
    /// The handle due after an approved extension: the end of the <paramref name="days"/>-th working
    /// day after the old due's last day (Linyi 2016 art. 22(2): the approved date becomes the deadline).
    /// </summary>
    public Due Extend(Instant due, int days) => Calendar.AddFromDue(due, WorkingDuration.WorkingDays(days));

    /// <summary>
    /// True when at least <c>applyBefore</c> of working time is left in [now, due) (spec §2.2, §7.16;
    /// Linyi 2016 art. 22(2): apply at least one working day before the limit).
    /// </summary>
    public bool LeavesEnoughTime(Instant now, Instant due)
    {
        if (Profile.Extension.ApplyBefore is not { } before || before.Amount == 0)
        {
            return true;
        }

        return before.Unit switch
        {
            DurationUnit.WorkingDays when Calendar.PeriodEnd == PeriodEnd.EndOfDay =>
                Calendar.WorkingDayTimeBetween(now, due) >= Duration.FromDays(before.Amount),
            DurationUnit.WorkingDays =>
                Calendar.WorkingTimeBetween(now, due) >= Calendar.BusinessDay * before.Amount,
            DurationUnit.WorkingHours => Calendar.WorkingTimeBetween(now, due) >= Duration.FromHours(before.Amount),
            DurationUnit.Hours => due - now >= Duration.FromHours(before.Amount),
            _ => due - now >= Duration.FromDays(before.Amount),
        };
    }

    /// <summary>A supervision step's instant: its offset after the missed due (working days from the due's last day).</summary>
    public Due LadderStep(Instant due, WorkingDuration after) => Calendar.AddFromDue(due, after);

    /// <summary>When an unanswered auto callback becomes a default rating (Changsha 2020 art. 26: 72 hours).</summary>
    public Due? AutoRatingAt(Instant callbackAt, bool urgent) =>
        Profile.CallbackAuto is { } rule ? Calendar.Add(callbackAt, rule.LimitFor(urgent)) : null;

    /// <summary>The due of a manual callback after an unsatisfied auto-callback rating (Changsha 2020 art. 26: 1 working day).</summary>
    public Due? ManualCallbackDue(Instant ratedAt, bool urgent) =>
        Profile.ManualCallback is { } rule ? Calendar.Add(ratedAt, rule.LimitFor(urgent)) : null;

    /// <summary>The end of the appeal window (Changsha 2020 art. 27: 5 working days).</summary>
    public Due? AppealDue(Instant ratedAt, bool urgent) =>
        Profile.Appeal is { } rule ? Calendar.Add(ratedAt, rule.LimitFor(urgent)) : null;

    /// <summary>An elapsed-time window (duplicates, hot spots) as a duration.</summary>
    public static Duration Elapsed(WorkingDuration window) => window.Unit switch
    {
        DurationUnit.Hours => Duration.FromHours(window.Amount),
        DurationUnit.Days => Duration.FromDays(window.Amount),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "An elapsed window is in hours or days."),
    };
}

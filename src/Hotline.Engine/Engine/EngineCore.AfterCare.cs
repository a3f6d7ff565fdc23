using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Sla;
using Hotline.Engine.Statistics;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Engine;

/// <summary>After-care: callback, rating, appeal, redo, supervision, and status (spec §2.2, regulations §4–§5).</summary>
internal sealed partial class EngineCore
{
    private bool Callback(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.Closed)
        {
            return InvalidState(c, t, "callback", "closed");
        }

        bool auto = c.Mode == "auto";
        if (auto && (t.Rating is not null || t.PendingCallback != CallbackMode.None || t.CallbackRequired))
        {
            // §7.6: an auto callback on a rated ticket, or while a callback is pending, is invalid.
            return Reject(c, "invalid-state", $"an auto callback needs an unrated ticket with no callback pending; ticket '{t.Id}' is "
                + (t.Rating is not null ? $"rated {t.Rating}" : "awaiting a callback's rating"));
        }

        EmitTicket(t, new EngineEvent { Name = "callback-sent", Mode = c.Mode });
        Disarm(t, TimerClock.AutoRating);
        t.AutoRatingAt = null;
        if (auto)
        {
            t.PendingCallback = CallbackMode.Auto;
            // Changsha 2020 art. 26: no answer within 72 hours counts as basically satisfied.
            if (_sla.AutoRatingAt(Now, t.Urgent) is { } at)
            {
                t.AutoRatingAt = at.Instant;
                Arm(t, TimerClock.AutoRating, at.Instant, at.Uncovered);
            }
        }
        else
        {
            t.PendingCallback = CallbackMode.Manual;
        }

        return true;
    }

    private bool Rate(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.Closed || (t.PendingCallback == CallbackMode.None && !t.CallbackRequired))
        {
            return Reject(c, "invalid-state", t.State != TicketState.Closed
                ? $"rate applies to a closed ticket; ticket '{t.Id}' is {StateName(t.State)}"
                : $"ticket '{t.Id}' has no callback awaiting a rating" + (t.Rating is not null ? $" (already rated {t.Rating})" : ""));
        }

        bool afterAuto = t.PendingCallback == CallbackMode.Auto;
        GiveRating(t, c.Rating!, auto: false, afterAutoCallback: afterAuto);
        return true;
    }

    /// <summary>Records a rating (the citizen's, or the default after an unanswered auto callback).</summary>
    private void GiveRating(Ticket t, string rating, bool auto, bool afterAutoCallback)
    {
        Disarm(t, TimerClock.AutoRating);
        Disarm(t, TimerClock.CallbackOverdue);
        t.PendingCallback = CallbackMode.None;
        t.AutoRatingAt = null;
        t.CallbackRequired = false;
        t.CallbackDue = null;
        t.Rating = rating;
        t.AppealPending = false;
        t.AppealApproved = false;
        EmitTicket(t, new EngineEvent { Name = "rated", Rating = rating, Auto = auto }, HistoryKind.Rated);
        t.RatingSeq = _seq;

        bool unsatisfied = rating == "unsatisfied";
        var appealDue = unsatisfied ? _sla.AppealDue(Now, t.Urgent) : null;
        t.AppealDue = appealDue?.Instant;
        if (unsatisfied && afterAutoCallback)
        {
            // Changsha 2020 art. 26: unsatisfied on an automatic callback → a manual callback within 1 working day.
            t.CallbackRequired = true;
            var due = _sla.ManualCallbackDue(Now, t.Urgent);
            t.CallbackDue = due?.Instant;
            EmitTicket(t, new EngineEvent { Name = "callback-required", Due = due?.Instant, Uncovered = due?.Uncovered ?? false });
            if (due is { } d)
            {
                Arm(t, TimerClock.CallbackOverdue, d.Instant, d.Uncovered);
            }
        }

        if (unsatisfied && t.Redone)
        {
            // Linyi 2016 art. 27; Changsha 2020 art. 34: still unsatisfied after a redo → supervision.
            EmitTicket(t, new EngineEvent { Name = "supervision", Reason = "unsatisfied-after-redo" });
        }
    }

    private bool Appeal(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.Closed || t.Rating != "unsatisfied" || t.AppealPending || t.AppealApproved)
        {
            return Reject(c, "invalid-state", $"an appeal needs a closed ticket rated unsatisfied with no appeal pending or approved; ticket '{t.Id}' is "
                + $"{StateName(t.State)}, rating {t.Rating ?? "none"}" + (t.AppealPending ? ", appeal pending" : t.AppealApproved ? ", appeal approved" : ""));
        }

        if (!Holder(t, c))
        {
            return false;
        }

        // Changsha 2020 art. 27: within 5 working days of the rating.
        if (t.AppealDue is { } end && Now >= end)
        {
            return Reject(c, "window-closed", $"the appeal window of ticket '{t.Id}' ended at {Format(end)}");
        }

        t.AppealPending = true;
        EmitTicket(t, new EngineEvent { Name = "appeal-filed", Ground = c.Ground });
        return true;
    }

    private bool AppealDecision(Ticket t, EngineCommand c)
    {
        if (!t.AppealPending)
        {
            return Reject(c, "invalid-state", $"ticket '{t.Id}' has no appeal pending");
        }

        t.AppealPending = false;
        t.AppealApproved = c.Approve; // §7.4: the rating stays on the ticket, and leaves the statistics
        if (c.Approve)
        {
            _live.Rating(t, Today, -1, null);
        }

        EmitTicket(t, new EngineEvent { Name = c.Approve ? "appeal-approved" : "appeal-refused" });
        return true;
    }

    private bool Redo(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.Closed)
        {
            return InvalidState(c, t, "redo", "closed");
        }

        // Linyi 2016 art. 14(4), 24: sent back to the same unit to be handled again, its clock restarted.
        Disarm(t, TimerClock.AutoRating);
        Disarm(t, TimerClock.CallbackOverdue);
        t.State = t.EverSigned ? TicketState.Signed : TicketState.Dispatched;
        t.ClosedAt = null;
        t.Rating = null;
        t.RatingSeq = 0;
        _live.Rating(t, Today, -1, null);
        t.PendingCallback = CallbackMode.None;
        t.AutoRatingAt = null;
        t.CallbackRequired = false;
        t.CallbackDue = null;
        t.AppealDue = null;
        t.AppealPending = false;
        t.AppealApproved = false;
        t.Redone = true;
        var handle = _profile.Handle is not null ? StartHandle(t, Now) : null;
        EmitTicket(t, new EngineEvent { Name = "redo", HandleDue = handle?.Instant, Uncovered = handle?.Uncovered ?? false }, HistoryKind.Redo);
        if (handle is { } h)
        {
            ArmHandle(t, h.Instant);
        }

        return true;
    }

    private bool Supervise(Ticket t, EngineCommand c)
    {
        // Linyi 2016 art. 27; Changsha 2020 art. 34: assigned by a leader, exposed in the media, ...
        EmitTicket(t, new EngineEvent { Name = "supervision", Level = 0, Reason = c.Reason });
        return true;
    }

    private bool Query(Ticket t)
    {
        EmitTicket(t, new EngineEvent { Name = "status", Status = StatusOf(t) });
        return true;
    }

    private TicketStatus StatusOf(Ticket t)
    {
        bool live = t.State is TicketState.Dispatched or TicketState.Signed;
        var sign = live && t.SignRunning ? t.SignDue : null;
        var ret = live && t.ReturnStarted ? t.ReturnDue : null;
        var handle = live && t.HandleStarted ? t.HandleDue : null;
        bool uncovered = (sign is not null && t.SignUncovered) || (ret is not null && t.ReturnUncovered) || (handle is not null && t.HandleUncovered);
        return new TicketStatus(StateName(t.State), t.State == TicketState.Answered ? null : t.Unit, sign, ret, handle, t.Rating, t.ExtensionCount, uncovered);
    }

    // ---- timers -------------------------------------------------------------------------------

    /// <summary>Fires one clock of a ticket at the engine clock, if it still applies.</summary>
    private void Fire(Ticket t, int clock)
    {
        t.Timers[clock] = default;
        switch (clock)
        {
            case TimerClock.Sign when t.SignRunning && t.SignDue is { } due:
                EmitTicket(t, new EngineEvent { Name = "overdue", Clock = "sign", Due = due, Uncovered = t.SignUncovered });
                break;

            case TimerClock.Handle when t.HandleStarted && t.HandleDue is { } due && t.State is TicketState.Dispatched or TicketState.Signed:
                EmitTicket(t, new EngineEvent { Name = "overdue", Clock = "handle", Due = due, Uncovered = t.HandleUncovered }, HistoryKind.HandleOverdue);
                ArmLadder(t, due);
                break;

            case TimerClock.Warning when t.HandleStarted && t.HandleDue is { } due && t.WarnedDue != due && t.State is TicketState.Dispatched or TicketState.Signed:
                t.WarnedDue = due;
                EmitTicket(t, new EngineEvent { Name = "warning", Clock = "handle", Due = due, Uncovered = t.ArmedUncovered(clock) });
                break;

            case TimerClock.Supervision1 or TimerClock.Supervision2 or TimerClock.Supervision3
                when t.LadderDue is not null && t.State is TicketState.Dispatched or TicketState.Signed:
                // Xiangfen 2022 art. 13(1); Changsha 2020 art. 35; Changzhi 三(四): urging, written notice, report to the supervision office.
                EmitTicket(t, new EngineEvent { Name = "supervision", Level = clock - TimerClock.Supervision1 + 1, Reason = "overdue", Uncovered = t.ArmedUncovered(clock) });
                break;

            case TimerClock.AutoRating when t.PendingCallback == CallbackMode.Auto && t.Rating is null && t.State == TicketState.Closed:
                GiveRating(t, RatingName(_profile.CallbackAuto?.DefaultRating ?? CallbackRating.Basic), auto: true, afterAutoCallback: true);
                break;

            case TimerClock.CallbackOverdue when t.CallbackRequired && t.CallbackDue is { } due:
                EmitTicket(t, new EngineEvent { Name = "overdue", Clock = "callback", Due = due, Uncovered = t.ArmedUncovered(clock) });
                break;
        }
    }

    /// <summary>
    /// Arms the supervision ladder after a missed handle due, except steps already past (spec §2.2,
    /// §7.2); working-day offsets count from the due's last day.
    /// </summary>
    private void ArmLadder(Ticket t, Instant due)
    {
        DisarmLadder(t);
        t.LadderDue = due;
        foreach (var step in _profile.Supervision)
        {
            var at = _sla.LadderStep(due, step.After);
            if (at.Instant >= Now)
            {
                Arm(t, TimerClock.Supervision(step.Level), at.Instant, at.Uncovered || t.HandleUncovered);
            }
        }
    }

    private static string RatingName(CallbackRating rating) => rating switch
    {
        CallbackRating.Satisfied => "satisfied",
        CallbackRating.Unsatisfied => "unsatisfied",
        _ => "basic",
    };
}

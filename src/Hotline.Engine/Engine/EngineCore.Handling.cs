using Hotline.Engine.Calendar;
using Hotline.Engine.Protocol;
using Hotline.Engine.Sla;
using Hotline.Engine.Statistics;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Engine;

/// <summary>Handling: dispatch, sign, return, extension, progress and close, with their reviews (spec §2, §2.2).</summary>
internal sealed partial class EngineCore
{
    private bool HasSignClock => _profile.Sign is not null;

    /// <summary>
    /// Hands the ticket to <paramref name="unit"/> and (re)starts every clock that runs from dispatch;
    /// clocks from sign wait for the signature (spec §2.2, §7.8).
    /// </summary>
    private void DispatchTo(Ticket t, string unit, IReadOnlyList<string> co, string? subOffice, bool byDefault)
    {
        StopClocks(t);
        t.Unit = unit;
        t.UnitKey = _unitKeys.Intern(unit);
        t.State = TicketState.Dispatched;
        t.EverSigned = false;
        t.ExtensionPending = false;
        t.WarnedDue = null;

        Due? sign = _sla.SignDue(Now, t.Urgent);
        t.SignRunning = sign is not null;
        t.SignDue = sign?.Instant;
        t.SignUncovered = sign?.Uncovered ?? false;

        Due? returnDue = null;
        t.ReturnStarted = false;
        t.ReturnDue = null;
        t.ReturnUncovered = false;
        if (_profile.Return?.From == ClockStartDispatch)
        {
            returnDue = StartReturnWindow(t);
        }

        Due? handle = null;
        if (_profile.Handle?.From == ClockStartDispatch)
        {
            handle = StartHandle(t, Now);
        }

        EmitTicket(t, new EngineEvent
        {
            Name = "dispatched",
            Unit = unit,
            Co = co,
            SubOffice = subOffice,
            CatalogVersion = t.CatalogVersion,
            ByDefault = byDefault,
            SignDue = sign?.Instant,
            ReturnDue = returnDue?.Instant,
            HandleDue = handle?.Instant,
            Uncovered = (sign?.Uncovered ?? false) || (returnDue?.Uncovered ?? false) || (handle?.Uncovered ?? false),
        }, HistoryKind.Dispatched);

        if (sign is { } s)
        {
            Arm(t, TimerClock.Sign, s.Instant, s.Uncovered);
        }

        if (handle is { } h)
        {
            ArmHandle(t, h.Instant);
        }
    }

    private const Profiles.ClockStart ClockStartDispatch = Profiles.ClockStart.Dispatch;
    private const Profiles.ClockStart ClockStartSign = Profiles.ClockStart.Sign;

    private Due? StartReturnWindow(Ticket t)
    {
        var due = _sla.ReturnDue(Now, t.Urgent);
        t.ReturnStarted = due is not null;
        t.ReturnDue = due?.Instant;
        t.ReturnUncovered = due?.Uncovered ?? false;
        return due;
    }

    /// <summary>Starts (or restarts) the handle clock at <paramref name="start"/> with the ticket's effective limit.</summary>
    private Due? StartHandle(Ticket t, Instant start)
    {
        var limit = _sla.HandleLimit(t.Kind, t.Complex, t.Urgent, t.EntryLimit, t.Statutory);
        t.HandleLimit = limit;
        if (limit is not { } l)
        {
            t.HandleStarted = false;
            t.HandleDue = null;
            return null;
        }

        var due = _sla.HandleDue(start, l);
        t.HandleStarted = true;
        t.HandleStart = start;
        t.HandleDue = due.Instant;
        t.HandleUncovered = due.Uncovered;
        t.WarnedDue = null;
        return due;
    }

    /// <summary>
    /// Arms the overdue and the warning for the ticket's handle due (a due not after the clock fires
    /// at once, spec §7.1), cancelling a ladder that belongs to another due. A due already past gets
    /// no warning: the overdue says more.
    /// </summary>
    private void ArmHandle(Ticket t, Instant due)
    {
        DisarmLadder(t);
        Arm(t, TimerClock.Handle, due, t.HandleUncovered);
        if (t.WarnedDue != due && due > Now && _sla.WarningAt(due, t.HandleStart) is { } warn)
        {
            Arm(t, TimerClock.Warning, warn.Instant, warn.Uncovered || t.HandleUncovered);
        }
        else
        {
            Disarm(t, TimerClock.Warning);
        }
    }

    /// <summary>Cancels the handle clock's timers (a review, a close, or leaving dispatched/signed).</summary>
    private void PauseHandle(Ticket t)
    {
        Disarm(t, TimerClock.Handle);
        Disarm(t, TimerClock.Warning);
        DisarmLadder(t);
    }

    private void DisarmLadder(Ticket t)
    {
        Disarm(t, TimerClock.Supervision1);
        Disarm(t, TimerClock.Supervision2);
        Disarm(t, TimerClock.Supervision3);
        t.LadderDue = null;
    }

    private void StopClocks(Ticket t)
    {
        Disarm(t, TimerClock.Sign);
        PauseHandle(t);
        t.SignRunning = false;
        t.HandleStarted = false;
        t.HandleDue = null;
    }

    private bool Dispatch(Ticket t, EngineCommand c)
    {
        if (t.State is not (TicketState.Dispatched or TicketState.Signed))
        {
            return InvalidState(c, t, "dispatch", "dispatched or signed");
        }

        if (!KnownUnits(c, c.Co is null ? [c.Unit!] : [c.Unit!, .. c.Co]))
        {
            return false;
        }

        // A manual re-dispatch restarts the clocks like an approved return (spec §2).
        DispatchTo(t, c.Unit!, c.Co ?? [], subOffice: null, byDefault: false);
        return true;
    }

    private bool Sign(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.Dispatched)
        {
            return InvalidState(c, t, "sign", "dispatched");
        }

        if (!Holder(t, c))
        {
            return false;
        }

        // Changsha 2020 art. 17: sign by the next working day; on time means strictly before the due.
        bool? onTime = t.SignRunning && t.SignDue is { } signDue ? Now < signDue : null;
        Disarm(t, TimerClock.Sign);
        t.SignRunning = false;
        t.State = TicketState.Signed;
        t.EverSigned = true;

        Due? returnDue = _profile.Return?.From == ClockStartSign ? StartReturnWindow(t) : null;
        Due? handle = _profile.Handle?.From == ClockStartSign ? StartHandle(t, Now) : null;
        EmitTicket(t, new EngineEvent
        {
            Name = "signed",
            Unit = t.Unit,
            ReturnDue = returnDue?.Instant,
            HandleDue = handle?.Instant,
            Uncovered = (returnDue?.Uncovered ?? false) || (handle?.Uncovered ?? false),
        }, onTime is null ? HistoryKind.None : HistoryKind.Signed, flag: onTime ?? false); // §7.5: without a sign clock, counted in neither

        if (handle is { } h)
        {
            ArmHandle(t, h.Instant);
        }

        return true;
    }

    private bool Return(Ticket t, EngineCommand c)
    {
        if (!t.IsHandling(HasSignClock))
        {
            return InvalidState(c, t, "return", HasSignClock ? "signed" : "dispatched or signed");
        }

        if (!Holder(t, c))
        {
            return false;
        }

        // Changsha 2020 art. 17(2): within 2 working days after signing; Linyi 2016 art. 22; Xiangfen 2022 art. 7(2).
        if (t.ReturnStarted && t.ReturnDue is { } end && Now >= end)
        {
            return Reject(c, "window-closed", $"the return window of ticket '{t.Id}' ended at {Format(end)}");
        }

        t.ResumeState = t.State;
        t.State = TicketState.ReturnRequested;
        t.ReviewStart = Now;
        PauseHandle(t); // review time does not count, and no warning is sent during it (§7.1)
        EmitTicket(t, new EngineEvent { Name = "return-requested", Unit = t.Unit, Reason = c.Reason });
        return true;
    }

    private bool ReturnDecision(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.ReturnRequested)
        {
            return InvalidState(c, t, "return-decision", "return-requested");
        }

        if (c.Approve)
        {
            if (!KnownUnits(c, [c.Unit!]))
            {
                return false;
            }

            // Zhongshan 2024 art. 17; Changsha 2020 art. 18: an approved return is re-dispatched and every clock restarts.
            string giver = t.Unit!;
            EmitTicket(t, new EngineEvent { Name = "return-approved", Unit = giver }, HistoryKind.Returned, creditUnit: t.UnitKey);
            DispatchTo(t, c.Unit!, [], subOffice: null, byDefault: false);
            return true;
        }

        // Refused: the original unit goes on, counting from the first receipt; the review does not count.
        t.State = t.ResumeState;
        Due? moved = null;
        if (t.HandleStarted && t.HandleDue is { } due && t.HandleLimit is { } limit)
        {
            moved = _sla.Resume(due, limit, t.ReviewStart, Now);
            t.HandleDue = moved.Value.Instant;
            t.HandleUncovered |= moved.Value.Uncovered;
        }

        EmitTicket(t, new EngineEvent { Name = "return-refused", HandleDue = moved?.Instant, Uncovered = moved is not null && t.HandleUncovered });
        if (moved is { } m)
        {
            ArmHandle(t, m.Instant); // §7.12: overdue for the moved due; at once only if already past
        }

        return true;
    }

    private bool Extend(Ticket t, EngineCommand c)
    {
        if (!t.IsHandling(HasSignClock) || !t.HandleStarted || t.HandleDue is null)
        {
            return InvalidState(c, t, "extend", "handling with the handle clock running");
        }

        if (t.ExtensionPending)
        {
            return Reject(c, "invalid-state", $"ticket '{t.Id}' already has an extension request pending");
        }

        if (!Holder(t, c))
        {
            return false;
        }

        var due = t.HandleDue.Value;
        if (Now >= due)
        {
            return Reject(c, "window-closed", $"an extension must be asked for before the handle due {Format(due)}");
        }

        var rule = _profile.Extension;
        if (rule.MaxCount is { } maxCount && t.ExtensionCount + 1 > maxCount)
        {
            // Changsha 2020 art. 20: at most once.
            return Reject(c, "extension-limit", $"ticket '{t.Id}' already had {t.ExtensionCount} of at most {maxCount} extension(s)");
        }

        if (rule.MaxTotalDays is { } maxDays && t.ExtensionDays + c.Days > maxDays)
        {
            // Xiangfen 2022 art. 13(3): cumulative at most 15 working days.
            return Reject(c, "extension-limit", $"{c.Days} more working days would make {t.ExtensionDays + c.Days}, over the limit of {maxDays}");
        }

        if (!_sla.LeavesEnoughTime(Now, due))
        {
            // Linyi 2016 art. 22(2): apply at least one working day before the limit.
            return Reject(c, "extension-limit", $"an extension must be asked for while at least {rule.ApplyBefore} is left before {Format(due)}");
        }

        t.ExtensionPending = true;
        t.PendingDays = c.Days;
        EmitTicket(t, new EngineEvent { Name = "extension-requested", Days = c.Days });
        return true;
    }

    private bool ExtendDecision(Ticket t, EngineCommand c)
    {
        if (!t.ExtensionPending)
        {
            return Reject(c, "invalid-state", $"ticket '{t.Id}' has no extension request pending");
        }

        t.ExtensionPending = false;
        if (!c.Approve)
        {
            // Zhongshan 2024 art. 18: if refused, the original deadline stands.
            EmitTicket(t, new EngineEvent { Name = "extension-refused" });
            return true;
        }

        t.ExtensionCount++;
        t.ExtensionDays += t.PendingDays;
        Due? moved = null;
        if (t.HandleDue is { } due)
        {
            moved = _sla.Extend(due, t.PendingDays);
            t.HandleDue = moved.Value.Instant;
            t.HandleUncovered |= moved.Value.Uncovered;
        }

        EmitTicket(t, new EngineEvent { Name = "extension-approved", HandleDue = moved?.Instant, Uncovered = moved is not null && t.HandleUncovered }, HistoryKind.Extended);
        if (moved is { } m && t.HandleStarted && t.State is TicketState.Dispatched or TicketState.Signed)
        {
            ArmHandle(t, m.Instant); // §7.2: an extension after the due cancels the old ladder and re-arms
        }

        return true;
    }

    private bool Progress(Ticket t, EngineCommand c)
    {
        if (!t.IsHandling(HasSignClock))
        {
            return InvalidState(c, t, "progress", HasSignClock ? "signed" : "dispatched or signed");
        }

        if (!Holder(t, c))
        {
            return false;
        }

        // Xiangfen 2022 art. 10(4); Zhongshan 2024 art. 21(2); Changsha 2020 art. 22(2): a promise ticket's interim reply.
        EmitTicket(t, new EngineEvent { Name = "progress", Promised = c.Promised });
        return true;
    }

    private bool Close(Ticket t, EngineCommand c)
    {
        if (!t.IsHandling(HasSignClock))
        {
            return InvalidState(c, t, "close", HasSignClock ? "signed" : "dispatched or signed");
        }

        if (!Holder(t, c))
        {
            return false;
        }

        // The handle clock stops at the close request; on time means strictly before the due (spec §1).
        t.CloseOnTime = !(t.HandleStarted && t.HandleDue is { } due) || Now < due;
        t.ExtensionPending = false; // a close drops a pending extension request
        t.ResumeState = t.State;
        t.State = TicketState.CloseRequested;
        PauseHandle(t);
        EmitTicket(t, new EngineEvent { Name = "close-requested" });
        return true;
    }

    private bool CloseDecision(Ticket t, EngineCommand c)
    {
        if (t.State != TicketState.CloseRequested)
        {
            return InvalidState(c, t, "close-decision", "close-requested");
        }

        if (c.Approve)
        {
            t.State = TicketState.Closed;
            t.ClosedAt = Now;
            t.HandleStarted = false;
            t.HandleDue = null;
            t.SignRunning = false;
            EmitTicket(t, new EngineEvent { Name = "closed", OnTime = t.CloseOnTime }, HistoryKind.Closed, flag: t.CloseOnTime);
            return true;
        }

        // Closure refused: handling resumes with the old due (Zhongshan 2024 art. 22; Changsha 2020 art. 21);
        // a due already past fires overdue at once (spec §2.2, §7.2).
        t.State = t.ResumeState;
        var handleDue = t.HandleStarted ? t.HandleDue : null;
        EmitTicket(t, new EngineEvent { Name = "close-refused", HandleDue = handleDue, Uncovered = handleDue is not null && t.HandleUncovered });
        if (handleDue is { } d)
        {
            ArmHandle(t, d);
        }

        return true;
    }

    // ---- checks -------------------------------------------------------------------------------

    private bool InvalidState(EngineCommand c, Ticket t, string op, string allowed) =>
        Reject(c, "invalid-state", $"{op} applies to a ticket that is {allowed}; ticket '{t.Id}' is {StateName(t.State)}");

    /// <summary>The command's unit must be the one holding the ticket (spec §2 "holder").</summary>
    private bool Holder(Ticket t, EngineCommand c)
    {
        if (string.Equals(c.Unit, t.Unit, StringComparison.Ordinal))
        {
            return true;
        }

        Reject(c, "wrong-unit", $"unit '{c.Unit}' does not hold ticket '{t.Id}' (held by '{t.Unit}')");
        return false;
    }

    private bool KnownUnits(EngineCommand c, IEnumerable<string> units)
    {
        var catalog = _catalogs.Current;
        var unknown = units.Where(u => !catalog.IsKnownUnit(u)).ToList();
        if (unknown.Count == 0)
        {
            return true;
        }

        Reject(c, "unknown-unit", $"unit {string.Join(", ", unknown.Select(u => $"'{u}'"))} is not in catalog {catalog.Version}");
        return false;
    }

    private string Format(Instant instant) => InstantText.Format(instant, Calendar.Zone);
}

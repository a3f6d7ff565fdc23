using Hotline.Engine.Calendar;
using Hotline.Engine.Intake;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using Hotline.Engine.Sla;
using Hotline.Engine.Statistics;
using Hotline.Engine.Tickets;
using Hotline.Engine.Timing;
using NodaTime;

namespace Hotline.Engine.Engine;

/// <summary>
/// The state machine of one partition: applies a command to the tickets, moves the virtual clock,
/// fires the timers due, and appends the resulting events to a caller-owned list.
/// </summary>
/// <remarks>
/// <para>
/// <b>Contract.</b> One thread owns an instance (the partition's single writer); nothing here
/// locks. <see cref="Apply"/> never throws on bad input: every command gets events, a rejection
/// changes nothing, and the run goes on (spec §1).
/// </para>
/// <para>
/// <b>Time.</b> Before a command applies, the clock moves to its <c>at</c>, firing every timer due at
/// or before it, in due order; timers due at one instant fire ordered by ticket id (ordinal), then by
/// clock (sign, handle, warning, supervision, callback). A due that a command moves into the past
/// fires right after the command's own events, at the command's instant (spec §1 "Time").
/// </para>
/// <para>
/// <b>Costs.</b> A command is O(1) dictionary work plus O(1) calendar arithmetic and wheel
/// operations; a timer batch is O(k log k) for k timers due at one instant.
/// </para>
/// </remarks>
internal sealed partial class EngineCore
{
    private SlaPolicy _sla;
    private readonly PolicyProfile _profile;
    private readonly CatalogRegistry _catalogs;
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly List<Ticket> _byNumber = [];

    // Ticket ids used by a receive that was not rejected, refused/forwarded/duplicate included (§7.7).
    private readonly HashSet<string> _usedTicketIds = new(StringComparer.Ordinal);

    // Client command ids already applied (spec §1 "id").
    private readonly HashSet<string> _appliedIds = new(StringComparer.Ordinal);

    private readonly DuplicateIndex _duplicates = new();
    private readonly HotspotDetector? _hotspots;
    private readonly KeyInterner _unitKeys = new();
    private readonly KeyInterner _categoryKeys = new();
    private readonly KeyInterner _regionKeys = new();
    private readonly EventHistory _history;
    private readonly LiveStatistics _live;
    private readonly List<EngineEvent> _hotspotEvents = [];

    // Timers due now, waiting to fire in (ticket id, clock) order; see FirePending. An entry whose
    // clock was disarmed or re-armed since it was queued carries an old arm version and is skipped.
    private readonly PriorityQueue<PendingTimer, PendingTimer> _pending = new(PendingTimer.Order);
    private readonly List<long> _batch = [];

    private TimingWheel? _wheel;
    private Instant? _todayAt;
    private int _today;
    private Instant? _clock;
    private long _seq;

    // The command being applied (its events echo its `by`), and where its events go.
    private EngineCommand? _command;
    private List<EngineEvent> _out = [];

    public EngineCore(PolicyProfile profile, WorkingCalendar calendar, CompiledCatalog catalog)
    {
        _profile = profile;
        _sla = new SlaPolicy(profile, calendar);
        _catalogs = new CatalogRegistry(catalog);
        _hotspots = profile.Hotspot is { } rule ? new HotspotDetector(rule) : null;
        _history = new EventHistory(_unitKeys);
        _live = new LiveStatistics(_unitKeys, _categoryKeys, _regionKeys);
    }

    /// <summary>The engine clock: the last command's instant (or due fired); null before any valid command.</summary>
    public Instant? Clock => _clock;

    /// <summary>The last event's seq.</summary>
    public long Seq => _seq;

    public PolicyProfile Profile => _profile;

    public WorkingCalendar Calendar => _sla.Calendar;

    public CompiledCatalog Catalog => _catalogs.Current;

    public int TicketCount => _tickets.Count;

    public int ArmedTimers => _wheel?.Count ?? 0;

    /// <summary>Counts by a new calendar from now on (a resumed run's new holiday file); armed dues keep their instants.</summary>
    public void UseCalendar(WorkingCalendar calendar) => _sla = new SlaPolicy(_profile, calendar);

    /// <summary>Applies one command, appending its events (and the timer events it lets fire) to <paramref name="output"/>.</summary>
    public void Apply(EngineCommand command, List<EngineEvent> output)
    {
        _out = output;
        _command = null;
        try
        {
            ApplyCore(command);
        }
        finally
        {
            _command = null;
        }
    }

    /// <summary>Moves the clock to <paramref name="to"/>, firing what is due (for a live host's ticks).</summary>
    public void AdvanceTo(Instant to, List<EngineEvent> output)
    {
        _out = output;
        _command = null;
        if (_clock is null || to >= _clock.Value)
        {
            MoveClock(to);
        }
    }

    /// <summary>
    /// A unit's open tickets with their status, soonest due first (tickets with no running clock
    /// last, then by id): the unit's worklist.
    /// </summary>
    public IReadOnlyList<(string Ticket, TicketStatus Status)> Worklist(string unit)
    {
        var list = new List<(string Ticket, TicketStatus Status, Instant Soonest)>();
        foreach (var t in _byNumber)
        {
            if (t.IsOpen && string.Equals(t.Unit, unit, StringComparison.Ordinal))
            {
                var status = StatusOf(t);
                var soonest = new[] { status.SignDue, status.ReturnDue, status.HandleDue }
                    .Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(Instant.MaxValue).Min();
                list.Add((t.Id, status, soonest));
            }
        }

        return [.. list.OrderBy(x => x.Soonest).ThenBy(x => x.Ticket, StringComparer.Ordinal).Select(x => (x.Ticket, x.Status))];
    }

    /// <summary>A ticket's status, or null when the engine does not hold it.</summary>
    public TicketStatus? Status(string ticketId) =>
        _tickets.TryGetValue(ticketId, out var ticket) ? StatusOf(ticket) : null;

    private void ApplyCore(EngineCommand c)
    {
        if (c.Malformed is not null)
        {
            Emit(new EngineEvent { Name = "error", At = _clock, Line = c.Line, Code = "malformed", Message = c.Malformed });
            return;
        }

        // A retry after a crash: answered before every other check, and it moves nothing (§7.13).
        if (c.Id is not null && _appliedIds.Contains(c.Id))
        {
            Emit(new EngineEvent { Name = "already-applied", At = _clock, Id = c.Id });
            return;
        }

        bool atUsable = c.At is { } at0 && (_clock is null || at0 >= _clock.Value);
        if (c.SchemaError is null && c.At is null)
        {
            c = c with { SchemaError = "at: missing (an ISO-8601 instant with offset, e.g. 2026-03-02T09:15:00+08:00)" };
        }

        if (c.SchemaError is not null)
        {
            if (atUsable)
            {
                MoveClock(c.At!.Value);
            }

            _command = c;
            Reject(c, "schema", c.SchemaError);
            return;
        }

        if (!atUsable)
        {
            _command = c;
            Reject(c, "out-of-order", $"at {InstantText.Format(c.At!.Value, Calendar.Zone)} is earlier than the engine clock {InstantText.Format(_clock!.Value, Calendar.Zone)}");
            return;
        }

        MoveClock(c.At!.Value);
        _command = c;
        bool applied = c.Op switch
        {
            CommandOp.Receive => Receive(c),
            CommandOp.Advance => true,
            CommandOp.Catalog => LoadCatalog(c),
            CommandOp.Report => MakeReport(c),
            _ => ApplyToTicket(c),
        };

        if (applied && c.Id is not null)
        {
            _appliedIds.Add(c.Id);
        }

        _command = null;
        FirePending();
    }

    private bool ApplyToTicket(EngineCommand c)
    {
        if (!_tickets.TryGetValue(c.Ticket!, out var t))
        {
            return Reject(c, "unknown-ticket", $"ticket '{c.Ticket}' is not known (never received, or its receive created no ticket)");
        }

        if (t.State == TicketState.Answered && c.Op != CommandOp.Query)
        {
            return Reject(c, "invalid-state", $"ticket '{t.Id}' was answered at intake; only query applies to it");
        }

        return c.Op switch
        {
            CommandOp.Dispatch => Dispatch(t, c),
            CommandOp.Sign => Sign(t, c),
            CommandOp.Return => Return(t, c),
            CommandOp.ReturnDecision => ReturnDecision(t, c),
            CommandOp.Extend => Extend(t, c),
            CommandOp.ExtendDecision => ExtendDecision(t, c),
            CommandOp.Progress => Progress(t, c),
            CommandOp.Close => Close(t, c),
            CommandOp.CloseDecision => CloseDecision(t, c),
            CommandOp.Callback => Callback(t, c),
            CommandOp.Rate => Rate(t, c),
            CommandOp.Appeal => Appeal(t, c),
            CommandOp.AppealDecision => AppealDecision(t, c),
            CommandOp.Redo => Redo(t, c),
            CommandOp.Supervise => Supervise(t, c),
            CommandOp.Query => Query(t),
            _ => Reject(c, "schema", $"op {CommandReader.OpName(c.Op)} does not apply to a ticket"),
        };
    }

    // ---- clock and timers ---------------------------------------------------------------------

    private Instant Now => _clock!.Value;

    /// <summary>The day number (<see cref="DateOnly.DayNumber"/>) of the clock's local date, computed once per clock value.</summary>
    private int Today
    {
        get
        {
            if (_todayAt != _clock)
            {
                _todayAt = _clock;
                _today = Calendar.DateOf(_clock!.Value).ToDateOnly().DayNumber;
            }

            return _today;
        }
    }

    /// <summary>Live daily counters for [<paramref name="from"/>, <paramref name="toExclusive"/>).</summary>
    public IReadOnlyList<DailyCounters> DailyStatistics(LocalDate from, LocalDate toExclusive) => _live.Read(from, toExclusive);

    /// <summary>The hot spots raised so far (Zhongshan 2024 arts. 26–29).</summary>
    public IReadOnlyList<EngineEvent> Hotspots => _hotspotEvents;

    /// <summary>The report of spec §6 over [from, to), as the <c>report</c> command counts it.</summary>
    public Report Report(Instant from, Instant to, string? unit) => _history.Report(from, to, unit, _byNumber);

    /// <summary>Moves the clock to <paramref name="to"/>, firing every timer due at or before it in due order.</summary>
    private void MoveClock(Instant to)
    {
        if (_wheel is null)
        {
            _wheel = new TimingWheel(to);
            _clock = to;
            return;
        }

        while (_wheel.TryTakeNext(to, _batch, out var due))
        {
            _clock = due;
            foreach (long payload in _batch)
            {
                var (number, clock) = TimerClock.Split(payload);
                var ticket = _byNumber[number];
                ticket.Timers[clock] = default;
                Queue(ticket, clock);
            }

            _batch.Clear();
            FirePending();
        }

        _clock = to;
    }

    /// <summary>Arms <paramref name="clock"/> of <paramref name="t"/> at <paramref name="due"/>; a due not after the clock fires at once.</summary>
    private void Arm(Ticket t, int clock, Instant due, bool uncovered)
    {
        Disarm(t, clock);
        t.SetArmedUncovered(clock, uncovered);
        if (!_wheel!.TrySchedule(due, TimerClock.Payload(t.Number, clock), out t.Timers[clock]))
        {
            Queue(t, clock);
        }
    }

    private void Queue(Ticket t, int clock)
    {
        var entry = new PendingTimer(t, clock, t.ArmVersion(clock));
        _pending.Enqueue(entry, entry);
    }

    private void Disarm(Ticket t, int clock)
    {
        if (!t.Timers[clock].IsNone)
        {
            _wheel!.Cancel(t.Timers[clock]);
            t.Timers[clock] = default;
        }

        t.BumpArmVersion(clock); // a queued firing of this clock is now stale
    }

    /// <summary>
    /// Fires the pending timers in (ticket id, clock) order; firing may queue more (a ladder step due
    /// now). O(k log k) for k timers due at one instant — midnight often brings thousands.
    /// </summary>
    private void FirePending()
    {
        while (_pending.TryDequeue(out var p, out _))
        {
            if (p.Version == p.Ticket.ArmVersion(p.Clock))
            {
                Fire(p.Ticket, p.Clock);
            }
        }
    }

    // ---- events -------------------------------------------------------------------------------

    /// <summary>Stamps a new event's envelope (seq, and the command's <c>by</c>) and emits it; the event is not copied.</summary>
    private void Emit(EngineEvent e)
    {
        e.Seq = ++_seq;
        e.By = _command?.By;
        _out.Add(e);
    }

    /// <summary>Emits a ticket event at the clock and records it for the report.</summary>
    private void EmitTicket(Ticket t, EngineEvent e, HistoryKind kind = HistoryKind.None, int creditUnit = -1, bool flag = false)
    {
        e.At = _clock;
        e.Ticket = t.Id;
        Emit(e);
        if (kind != HistoryKind.None)
        {
            int unit = creditUnit >= 0 ? creditUnit : t.UnitKey;
            _history.Add(_clock!.Value, kind, unit, t.Number, _seq, flag);
            if (kind == HistoryKind.Rated)
            {
                _live.Rating(t, Today, unit, t.Rating);
            }
            else
            {
                _live.Record(kind, Today, t, unit, flag);
            }
        }
    }

    private bool Reject(EngineCommand c, string code, string message)
    {
        Emit(new EngineEvent { Name = "rejected", At = _clock, Ticket = c.Ticket, Code = code, Message = message });
        return false;
    }

    private readonly record struct PendingTimer(Ticket Ticket, int Clock, byte Version)
    {
        public static readonly IComparer<PendingTimer> Order = Comparer<PendingTimer>.Create(static (a, b) =>
        {
            int byId = string.CompareOrdinal(a.Ticket.Id, b.Ticket.Id);
            return byId != 0 ? byId : a.Clock.CompareTo(b.Clock);
        });
    }
}

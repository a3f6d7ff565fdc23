using Hotline.Engine.Calendar;
using Hotline.Engine.Sla;
using Hotline.Engine.Timing;
using NodaTime;

namespace Hotline.Engine.Tickets;

/// <summary>
/// The hot state of one open ticket: what the state machine and the clocks need, nothing more.
/// Free text and caller details stay in the command stream and the journal, not here.
/// </summary>
/// <remarks>Owned by the partition's single writer; never shared across threads.</remarks>
internal sealed class Ticket(string id, int number)
{
    /// <summary>Timer slots, indexed by <see cref="TimerClock"/>, inline in the ticket (no array object).</summary>
    public TimerSlots Timers;

    public string Id { get; } = id;

    /// <summary>Dense index in the engine's ticket table; the timers' payloads carry it.</summary>
    public int Number { get; } = number;

    // ---- intake ----
    public TicketKind Kind { get; set; }

    /// <summary>The category, as interned by the engine (one string per category).</summary>
    public string Category { get; set; } = "";

    /// <summary>The region code, as interned by the engine.</summary>
    public string Region { get; set; } = "";

    public string? CallerPhone { get; set; }

    public bool Complex { get; set; }

    public bool Urgent { get; set; }

    public WorkingDuration? Statutory { get; set; }

    public WorkingDuration? EntryLimit { get; set; }

    public string CatalogVersion { get; set; } = "";

    public Instant ReceivedAt { get; set; }

    // ---- state ----
    public TicketState State { get; set; }

    /// <summary>The state to go back to when a review is refused.</summary>
    public TicketState ResumeState { get; set; }

    public string? Unit { get; set; }

    public bool EverSigned { get; set; }

    // ---- clocks ----
    public bool SignRunning { get; set; }

    public Instant? SignDue { get; set; }

    public bool SignUncovered { get; set; }

    public bool ReturnStarted { get; set; }

    public Instant? ReturnDue { get; set; }

    public bool ReturnUncovered { get; set; }

    /// <summary>The handle clock exists for the current holder (running, or paused in a review).</summary>
    public bool HandleStarted { get; set; }

    public Instant HandleStart { get; set; }

    public Instant? HandleDue { get; set; }

    public bool HandleUncovered { get; set; }

    public WorkingDuration? HandleLimit { get; set; }

    /// <summary>The due value whose warning already fired (once per due value).</summary>
    public Instant? WarnedDue { get; set; }

    /// <summary>Per <see cref="TimerClock"/> byte: bumped whenever that clock is disarmed, so a queued firing can tell it is stale.</summary>
    private ulong _armVersions;

    public byte ArmVersion(int clock) => (byte)(_armVersions >> (clock * 8));

    public void BumpArmVersion(int clock) =>
        _armVersions = (_armVersions & ~(0xFFUL << (clock * 8))) | ((ulong)(byte)(ArmVersion(clock) + 1) << (clock * 8));

    /// <summary>Per <see cref="TimerClock"/> bit: the armed timer's instant counted an uncovered year.</summary>
    private byte _armedUncovered;

    public bool ArmedUncovered(int clock) => (_armedUncovered & (1 << clock)) != 0;

    public void SetArmedUncovered(int clock, bool uncovered) =>
        _armedUncovered = (byte)(uncovered ? _armedUncovered | (1 << clock) : _armedUncovered & ~(1 << clock));

    /// <summary>The missed due the armed ladder steps belong to.</summary>
    public Instant? LadderDue { get; set; }

    public Instant ReviewStart { get; set; }

    public bool CloseOnTime { get; set; }

    // ---- extensions ----
    public bool ExtensionPending { get; set; }

    public int PendingDays { get; set; }

    public int ExtensionCount { get; set; }

    public int ExtensionDays { get; set; }

    // ---- after-care ----
    public Instant? ClosedAt { get; set; }

    public string? Rating { get; set; }

    /// <summary>The seq of the <c>rated</c> event that gave the current rating (report §6).</summary>
    public long RatingSeq { get; set; }

    public CallbackMode PendingCallback { get; set; }

    public Instant? AutoRatingAt { get; set; }

    public bool CallbackRequired { get; set; }

    public Instant? CallbackDue { get; set; }

    public Instant? AppealDue { get; set; }

    public bool AppealPending { get; set; }

    public bool AppealApproved { get; set; }

    public bool Redone { get; set; }

    // ---- live statistics ----

    /// <summary>Interned ids of the category, region and holding unit (-1: none) for the counters.</summary>
    public int CategoryKey { get; set; }

    public int RegionKey { get; set; }

    public int UnitKey { get; set; } = -1;

    /// <summary>The rating the live counters hold for this ticket: the day number and unit it is counted under.</summary>
    public (int Day, int Unit, string Rating)? CountedRating { get; set; }

    /// <summary>The last (day number, unit) this ticket's handle overdue was counted for.</summary>
    public (int Day, int Unit)? OverdueCounted { get; set; }

    public bool IsOpen => State is not (TicketState.Closed or TicketState.Answered);

    /// <summary>"Handling": signed, or dispatched when the profile has no sign clock (spec §2).</summary>
    public bool IsHandling(bool hasSignClock) =>
        State == TicketState.Signed || (State == TicketState.Dispatched && !hasSignClock);
}

/// <summary>The eight timer handles of a ticket, stored inline.</summary>
[System.Runtime.CompilerServices.InlineArray(TimerClock.Count)]
internal struct TimerSlots
{
    private TimerHandle _first;
}

using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Protocol;

/// <summary>
/// One event of spec §2, as the engine emits it: the envelope (<see cref="Seq"/>, <see cref="At"/>,
/// <see cref="Name"/>, <see cref="Ticket"/>, <see cref="By"/>) and the fields of that event, the rest
/// null. <see cref="EventWriter"/> writes it as a JSON line.
/// </summary>
/// <remarks>Events are immutable once published; they may be read from any thread.</remarks>
public sealed record EngineEvent
{
    /// <summary>Counts events from 1 over the life of the data directory.</summary>
    public long Seq { get; internal set; }

    /// <summary>The event's instant: a command's, or a timer's due; null only for an error before any valid command.</summary>
    public Instant? At { get; internal set; }

    /// <summary>The wire name, e.g. <c>dispatched</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The ticket, for ticket events.</summary>
    public string? Ticket { get; internal set; }

    /// <summary>Who acted, echoed from the command.</summary>
    public string? By { get; internal set; }

    /// <summary><c>id</c> of <c>already-applied</c>, as JSON text.</summary>
    public string? Id { get; init; }

    /// <summary><c>line</c> of an <c>error</c>.</summary>
    public int? Line { get; init; }

    /// <summary><c>code</c> of a rejection or error.</summary>
    public string? Code { get; init; }

    /// <summary><c>message</c> of a rejection or error.</summary>
    public string? Message { get; init; }

    /// <summary><c>reason</c> (refused, return-requested, supervision).</summary>
    public string? Reason { get; init; }

    /// <summary><c>guidance</c> of a refusal.</summary>
    public string? Guidance { get; init; }

    /// <summary><c>redirect</c> of an emergency refusal.</summary>
    public string? Redirect { get; init; }

    /// <summary><c>of</c>: the original ticket of a duplicate.</summary>
    public string? Of { get; init; }

    /// <summary><c>to</c>: where a ticket was forwarded.</summary>
    public string? To { get; init; }

    /// <summary><c>unit</c>.</summary>
    public string? Unit { get; init; }

    /// <summary><c>co</c>: co-handlers.</summary>
    public IReadOnlyList<string>? Co { get; init; }

    /// <summary><c>subOffice</c>, when the catalog entry names one.</summary>
    public string? SubOffice { get; init; }

    /// <summary><c>catalogVersion</c>.</summary>
    public string? CatalogVersion { get; init; }

    /// <summary><c>byDefault</c>: no catalog entry matched.</summary>
    public bool? ByDefault { get; init; }

    /// <summary><c>state</c> (duplicate, status).</summary>
    public string? State { get; init; }

    /// <summary><c>signDue</c>.</summary>
    public Instant? SignDue { get; init; }

    /// <summary><c>returnDue</c>.</summary>
    public Instant? ReturnDue { get; init; }

    /// <summary><c>handleDue</c>.</summary>
    public Instant? HandleDue { get; init; }

    /// <summary><c>days</c> of an extension request.</summary>
    public int? Days { get; init; }

    /// <summary><c>promised</c> of a progress reply.</summary>
    public LocalDate? Promised { get; init; }

    /// <summary><c>onTime</c> of a close.</summary>
    public bool? OnTime { get; init; }

    /// <summary><c>mode</c> of a callback.</summary>
    public string? Mode { get; init; }

    /// <summary><c>rating</c>.</summary>
    public string? Rating { get; init; }

    /// <summary><c>auto</c>: a rating given by default after an unanswered auto callback.</summary>
    public bool? Auto { get; init; }

    /// <summary><c>ground</c> of an appeal.</summary>
    public string? Ground { get; init; }

    /// <summary><c>clock</c> of a warning or overdue.</summary>
    public string? Clock { get; init; }

    /// <summary><c>due</c> of a warning, overdue or callback-required.</summary>
    public Instant? Due { get; init; }

    /// <summary><c>level</c> of a supervision (1–3 on the ladder, 0 manual).</summary>
    public int? Level { get; init; }

    /// <summary><c>version</c> of a loaded catalog.</summary>
    public string? Version { get; init; }

    /// <summary><c>category</c> of a hot spot.</summary>
    public string? Category { get; init; }

    /// <summary><c>region</c> of a hot spot.</summary>
    public string? Region { get; init; }

    /// <summary><c>count</c> of a hot spot.</summary>
    public int? Count { get; init; }

    /// <summary><c>baseline</c> of a hot spot.</summary>
    public decimal? Baseline { get; init; }

    /// <summary>The <c>status</c> of a ticket, for a <c>status</c> event.</summary>
    public TicketStatus? Status { get; init; }

    /// <summary>The report, for a <c>report</c> event.</summary>
    public Statistics.Report? Report { get; init; }

    /// <summary><c>uncovered</c>: a due on this event counted days of a year no holiday schedule covers.</summary>
    public bool Uncovered { get; init; }
}

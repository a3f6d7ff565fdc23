using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Protocol;

/// <summary>
/// One command of spec §2, as read from a JSON line (<see cref="CommandReader"/>) or built by an
/// embedder. Only the fields of its <see cref="Op"/> are read; the rest stay null.
/// </summary>
/// <remarks>
/// A command that could not be read carries <see cref="Malformed"/> (the line is not a JSON object)
/// or <see cref="SchemaError"/> (a required field is missing or ill-typed); the engine answers it
/// with an <c>error</c> or a <c>rejected</c> event and goes on. Instances are not shared between
/// threads by the engine; treat a submitted command as immutable.
/// </remarks>
public sealed record EngineCommand
{
    /// <summary>The operation.</summary>
    public CommandOp Op { get; init; }

    /// <summary>When the command happened; null when missing or malformed.</summary>
    public Instant? At { get; init; }

    /// <summary>The ticket id (every op but <c>advance</c>, <c>catalog</c> and <c>report</c>).</summary>
    public string? Ticket { get; init; }

    /// <summary>Who acted (an operator's or a unit officer's id), echoed on the command's events (Changsha 2020 art. 14).</summary>
    public string? By { get; init; }

    /// <summary>The client command id as its JSON text (a string with quotes, or a number); a retry with it is answered <c>already-applied</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The input line the command came from (1-based), or 0.</summary>
    public int Line { get; init; }

    /// <summary>Why the line is not a JSON object (answered by an <c>error</c> event); null for a readable line.</summary>
    public string? Malformed { get; init; }

    /// <summary>Why the command breaks the schema (answered by <c>rejected</c> code <c>schema</c>); null when it fits.</summary>
    public string? SchemaError { get; init; }

    // ---- receive ----

    /// <summary><c>channel</c>: phone, web, email, sms, wechat or app.</summary>
    public string? Channel { get; init; }

    /// <summary><c>kind</c> of request.</summary>
    public TicketKind Kind { get; init; }

    /// <summary><c>category</c>, dotted (e.g. <c>noise.construction</c>).</summary>
    public string? Category { get; init; }

    /// <summary><c>region</c> code.</summary>
    public string? Region { get; init; }

    /// <summary><c>caller.name</c>.</summary>
    public string? CallerName { get; init; }

    /// <summary><c>caller.phone</c>: the key of duplicate detection.</summary>
    public string? CallerPhone { get; init; }

    /// <summary><c>caller.anonymous</c>: the caller's data is never shown to units (Changsha 2020 art. 15).</summary>
    public bool CallerAnonymous { get; init; }

    /// <summary><c>text</c>: the request, or a progress reply's text.</summary>
    public string? Text { get; init; }

    /// <summary><c>complex</c>: a complex matter (longer limits where the profile has them).</summary>
    public bool Complex { get; init; }

    /// <summary><c>limit</c>: a statutory handle limit that overrides every other (Linyi 2016 art. 22(2)).</summary>
    public WorkingDuration? Limit { get; init; }

    /// <summary><c>exclusion</c>: a refusal code of spec §2.1.</summary>
    public string? Exclusion { get; init; }

    /// <summary><c>emergency</c>: police, fire, medical or traffic.</summary>
    public string? Emergency { get; init; }

    /// <summary><c>newInformation</c>: bypasses duplicate detection.</summary>
    public bool NewInformation { get; init; }

    /// <summary><c>urgent</c>: urgent limits apply.</summary>
    public bool Urgent { get; init; }

    /// <summary><c>answer</c>: answered at intake (直办), closed with no clocks.</summary>
    public string? Answer { get; init; }

    // ---- handling ----

    /// <summary><c>unit</c>: the acting unit, or the new unit of a dispatch or approved return.</summary>
    public string? Unit { get; init; }

    /// <summary><c>co</c>: co-handlers of a manual dispatch.</summary>
    public IReadOnlyList<string>? Co { get; init; }

    /// <summary><c>reason</c> of a return, extension, redo or supervision.</summary>
    public string? Reason { get; init; }

    /// <summary><c>approve</c> of a decision.</summary>
    public bool Approve { get; init; }

    /// <summary><c>days</c> of an extension (working days, ≥ 1).</summary>
    public int Days { get; init; }

    /// <summary><c>promised</c>: the date a promise ticket promises.</summary>
    public LocalDate? Promised { get; init; }

    /// <summary><c>reply</c> of a close.</summary>
    public string? Reply { get; init; }

    // ---- after-care ----

    /// <summary><c>mode</c> of a callback: auto or manual.</summary>
    public string? Mode { get; init; }

    /// <summary><c>rating</c>: satisfied, basic or unsatisfied.</summary>
    public string? Rating { get; init; }

    /// <summary><c>ground</c> of an appeal (Changsha 2020 art. 27).</summary>
    public string? Ground { get; init; }

    // ---- engine ----

    /// <summary><c>file</c> of a <c>catalog</c> command, relative to the working directory.</summary>
    public string? File { get; init; }

    /// <summary><c>from</c> of a report.</summary>
    public Instant? From { get; init; }

    /// <summary><c>to</c> of a report.</summary>
    public Instant? To { get; init; }

    /// <summary>The line as it was read, kept so the journal stores exactly what came in.</summary>
    internal string? RawJson { get; init; }

    /// <summary>A <c>catalog</c> command's catalog, read before the command reaches the loop (and stored with it in the journal).</summary>
    internal Catalog.DispatchCatalog? PreloadedCatalog { get; init; }

    /// <summary>Why a <c>catalog</c> command's file could not be used, when it could not.</summary>
    internal string? PreloadError { get; init; }
}

using System.Text.Json.Nodes;
using Hotline.Engine.Calendar;
using Hotline.Engine.Protocol;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>
/// What the endpoints need of the engine behind <c>hotline serve</c>: one in-process engine
/// (<see cref="ServedEngine"/>) or the partitions of a cluster (<c>ClusteredEngine</c>, with <c>--cluster</c>).
/// Implementations stamp <c>at</c> and <c>by</c>, publish the events they return to <see cref="Hub"/>,
/// and may be called from any thread.
/// </summary>
internal interface IServedEngine
{
    /// <summary>The zone events and statuses are written in.</summary>
    DateTimeZone Zone { get; }

    /// <summary>The host's view of the event stream (history, holders, live subscribers).</summary>
    EventHub Hub { get; }

    /// <summary>The calendar dues are counted by (for the health check's coverage warning).</summary>
    WorkingCalendar Calendar { get; }

    /// <summary>The host's clock.</summary>
    IClock Clock { get; }

    /// <summary>The last instant the host stamped.</summary>
    Instant EngineClock { get; }

    /// <summary>How far the engine clock is ahead of the host's clock; zero when it is not.</summary>
    Duration EngineAheadBy { get; }

    /// <summary>Whether <paramref name="code"/> names a partition this host can address (never in single-engine mode).</summary>
    bool HasPartition(string code);

    /// <summary>Reads a command object as the engine would, with the caller and a provisional stamp; does not change it.</summary>
    EngineCommand Preview(JsonObject command, Caller caller);

    /// <summary>
    /// Stamps <c>at</c> and <c>by</c> into <paramref name="command"/> and applies it; the events once
    /// applied (and committed). <paramref name="partition"/>, in cluster mode, names the partition that
    /// received it (null: the one that owns it).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The host is stopping.</exception>
    /// <exception cref="Engine.Journal.JournalException">The journal cannot be written.</exception>
    Task<IReadOnlyList<ServedEvent>> SubmitAsync(JsonObject command, Caller caller, string? partition = null);

    /// <summary>A ticket's status (null when no engine holds it), learning its holder for the hub.</summary>
    Task<TicketStatus?> GetStatusAsync(string ticket);

    /// <summary>A unit's open tickets with their status, soonest due first.</summary>
    Task<IReadOnlyList<(string Ticket, TicketStatus Status)>> GetWorklistAsync(string unit);

    /// <summary>Completes when the hub has handled every event any submit has returned so far (read-your-writes).</summary>
    Task CatchUpAsync(CancellationToken cancellationToken);
}

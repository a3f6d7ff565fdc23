using System.Globalization;
using System.Text;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Hotline.Engine.Engine;
using Hotline.Engine.Journal;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Hotline.Cluster;

/// <summary>
/// Hosts one partition's <see cref="HotlineEngine"/> on its journal directory: started (and
/// recovered) on activation, committed and closed on deactivation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Reentrant.</b> The engine is itself a single writer that orders the commands it is given, so
/// the grain lets calls interleave: two partitions forwarding to each other at once cannot deadlock.
/// </para>
/// <para>
/// <b>One writer.</b> The journal directory is locked by the process that opened it. Should a
/// second activation of the same partition start while another holds the directory, its start fails
/// with "in use by process" and the activation fails with an <see cref="InvalidOperationException"/>
/// that says so; nothing is written.
/// </para>
/// <para>
/// <b>Placement.</b> A partition activates on the silo that first asks for it (prefer-local), so an
/// operator can keep a city's partition near the gateway that serves it; when that silo stops, the
/// next call activates it on another silo, which recovers it from the journal.
/// </para>
/// </remarks>
[Reentrant]
[PreferLocalPlacement]
internal sealed partial class PartitionGrain : Grain, IPartitionGrain
{
    private static readonly OffsetDateTimePattern InstantPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    private readonly ClusterLayout _layout;
    private readonly ILogger<PartitionGrain> _logger;
    private HotlineEngine? _engine;
    private EventWriter? _writer;

    /// <summary>Created by Orleans.</summary>
    public PartitionGrain(ClusterLayout layout, ILogger<PartitionGrain> logger)
    {
        _layout = layout;
        _logger = logger;
    }

    private string Code => this.GetPrimaryKeyString();

    private HotlineEngine Engine => _engine ?? throw new InvalidOperationException($"partition {Code} is not started");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = _layout.Find(Code)
            ?? throw new InvalidOperationException($"partition {Code} is not in the cluster layout");
        try
        {
            // Recovery replays the journal; run it off the grain's scheduler.
            _engine = await Task.Run(() => HotlineEngine.Start(new EngineOptions
            {
                Profile = PolicyProfile.Resolve(settings.Profile),
                Catalog = settings.Catalog,
                CalendarFile = settings.CalendarPath is { } c ? CalendarFile.Load(c) : null,
                DataDirectory = settings.DataDirectory,
                Logger = _logger,
            }), cancellationToken).ConfigureAwait(true);
        }
        catch (JournalException e)
        {
            LogStartFailed(Code, e.Message);
            throw new InvalidOperationException($"partition {Code} cannot start on {settings.DataDirectory}: {e.Message}");
        }

        _writer = new EventWriter(_engine.Zone);
        LogStarted(Code, settings.DataDirectory);
        await base.OnActivateAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_engine is { } engine)
        {
            _engine = null;
            await engine.DisposeAsync().ConfigureAwait(true);
            LogStopped(Code, reason.Description);
        }

        await base.OnDeactivateAsync(reason, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public async Task<SubmitReply> Submit(string commandJson)
    {
        ArgumentNullException.ThrowIfNull(commandJson);
        var command = CommandReader.Read(commandJson, 1);
        if (command is null)
        {
            return new SubmitReply(Code, [], null, []);
        }

        var events = await Engine.SubmitAsync(command).ConfigureAwait(true);
        var lines = new string[events.Count];
        string? target = null;
        bool forward = false;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (command.Op == CommandOp.Receive && e.Name == "forwarded" && e.Ticket == command.Ticket
                && command.Region is { } region && _layout.Regions.OwnerOf(region) is { } owner && owner != Code)
            {
                // Spec §2.1: in a cluster of partitions, `to` is the partition that owns the region.
                e = e with { To = owner };
                target = owner;
                forward = true;
            }
            else if (command.Op == CommandOp.Receive && IsRetry(e) && ForwardTarget(command) is { } again)
            {
                // A retried receive that was forwarded before: forward again (the target answers
                // already-applied if it has it), so a forward lost in a crash is completed.
                target = again;
                forward = true;
            }

            lines[i] = _writer!.ToJson(e);
        }

        if (!forward || target is null)
        {
            return new SubmitReply(Code, lines, null, []);
        }

        var forwarded = await GrainFactory.GetGrain<IPartitionGrain>(target)
            .Forward(new ForwardRequest(Code, command.Ticket!, commandJson)).ConfigureAwait(true);
        return new SubmitReply(Code, lines, target, forwarded);
    }

    /// <inheritdoc />
    public async Task<string[]> Forward(ForwardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var original = CommandReader.Read(request.ReceiveJson, 1);
        if (original is null || original.Op != CommandOp.Receive)
        {
            throw new ArgumentException($"a forward carries a receive command, not '{request.ReceiveJson}'", nameof(request));
        }

        // The partitions' virtual clocks are independent: a forward that arrives behind this
        // partition's clock is received at this partition's clock, not rejected as out-of-order.
        var (clock, _, _) = await Engine.GetClockAsync().ConfigureAwait(true);
        var at = original.At is { } a && clock is { } c && a < c ? c : original.At;
        var command = original with
        {
            Ticket = request.TargetTicket,
            Id = JsonSerializer.Serialize(request.CommandId),
            At = at,
        };
        var events = await Engine.SubmitAsync(command).ConfigureAwait(true);
        return [.. events.Select(_writer!.ToJson)];
    }

    /// <inheritdoc />
    public async Task<string?> Status(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var status = await Engine.GetStatusAsync(ticket).ConfigureAwait(true);
        if (status is null)
        {
            return null;
        }

        return StatusJson(ticket, status);
    }

    /// <inheritdoc />
    public async Task<string[]> Worklist(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var list = await Engine.GetWorklistAsync(unit).ConfigureAwait(true);
        return [.. list.Select(t => StatusJson(t.Ticket, t.Status))];
    }

    private string StatusJson(string ticket, Hotline.Engine.Tickets.TicketStatus status)
    {
        var zone = Engine.Zone;
        string? Format(Instant? i) => i is { } v ? InstantPattern.Format(v.InZone(zone).ToOffsetDateTime()) : null;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event", "status");
            w.WriteString("partition", Code);
            w.WriteString("ticket", ticket);
            w.WriteString("state", status.State);
            w.WriteString("unit", status.Unit);
            w.WriteString("signDue", Format(status.SignDue));
            w.WriteString("returnDue", Format(status.ReturnDue));
            w.WriteString("handleDue", Format(status.HandleDue));
            w.WriteString("rating", status.Rating);
            w.WriteNumber("extensions", status.Extensions);
            if (status.Uncovered)
            {
                w.WriteBoolean("uncovered", true);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc />
    public async Task<PartitionInfo> Describe()
    {
        var (clock, tickets, _) = await Engine.GetClockAsync().ConfigureAwait(true);
        return new PartitionInfo(
            Code,
            RuntimeIdentity,
            tickets,
            clock?.ToString("g", CultureInfo.InvariantCulture));
    }

    private static bool IsRetry(EngineEvent e) =>
        e.Name == "already-applied" || (e.Name == "rejected" && e.Code == "duplicate-id");

    // The partition a receive would have been forwarded to: the checks that precede jurisdiction
    // in spec §2.1 (emergency, exclusion) did not apply, and another partition owns the region.
    private string? ForwardTarget(EngineCommand c) =>
        c.Emergency is null && c.Exclusion is null && c.Region is { } region
        && _layout.Regions.OwnerOf(region) is { } owner && owner != Code
        && _layout.Find(Code) is { } self && !self.Catalog.Regions.Any(r => r.Code == region)
            ? owner
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "partition {Partition} started on {DataDirectory}")]
    private partial void LogStarted(string partition, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "partition {Partition} stopped ({Reason})")]
    private partial void LogStopped(string partition, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "partition {Partition} cannot start: {Message}")]
    private partial void LogStartFailed(string partition, string message);
}

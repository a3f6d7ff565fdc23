using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Cluster;
using Hotline.Engine.Calendar;
using Hotline.Engine.Protocol;
using Hotline.Engine.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>
/// The endpoints' engine in cluster mode (<c>hotline serve --cluster</c>): routes each command to the
/// partition grain that owns it — a <c>receive</c> to the partition owning its region (the layout's
/// first partition when none does: it answers <c>forwarded</c> to the province), or to the partition
/// named by <c>?partition=</c>, which forwards what it does not own; any other command to the
/// partition holding its ticket.
/// </summary>
/// <remarks>
/// <para>
/// <b>Where tickets are.</b> A ticket → partition map is filled from the <c>accepted</c> events of
/// the replies (a forwarded ticket's <c>{source}:{ticket}</c> under its target). A ticket not in the
/// map (received through another node, or before this process started) is looked up by asking every
/// partition's <c>Status</c>; there are few.
/// </para>
/// <para>
/// <b>Stamping.</b> As in single-engine mode the host stamps <c>at</c> (whole seconds, never
/// backwards) and <c>by</c>; stamping and submitting are serialized per partition so one host never
/// makes its own commands <c>out-of-order</c>. Partition clocks are otherwise independent: a partition
/// whose clock another node moved ahead of this host's rejects the command <c>out-of-order</c>. Timers
/// fire when the partition's clock next moves (its next command); there is no live ticker.
/// </para>
/// <para>
/// <b>Events.</b> The events of the replies are published to <see cref="Hub"/> (history, live stream);
/// events other nodes produce are not seen here.
/// </para>
/// <para><b>Threads.</b> Every member may be called from any thread.</para>
/// </remarks>
internal sealed class ClusteredEngine : IServedEngine
{
    private readonly ServeOptions _options;
    private readonly ClusterLayout _layout;
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<string, string> _ticketPartition = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SemaphoreSlim> _gates;
    private readonly Lock _stampGate = new();

    // The last stamp handed out; guarded by _stampGate.
    private Instant _stamp;

    /// <summary>Routes through <paramref name="grains"/> to the partitions of <c>options.Cluster</c>.</summary>
    public ClusteredEngine(ServeOptions options, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _layout = options.Cluster?.Layout ?? throw new ArgumentException("not a cluster host", nameof(options));
        _grains = grains;
        _gates = _layout.Partitions.ToDictionary(p => p.Code, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
        Calendar = options.Engine.BuildCalendar();
        Hub = new EventHub(options.SubscriberCapacity);
    }

    /// <inheritdoc />
    public DateTimeZone Zone => Calendar.Zone;

    /// <inheritdoc />
    public EventHub Hub { get; }

    /// <inheritdoc />
    public WorkingCalendar Calendar { get; }

    /// <inheritdoc />
    public IClock Clock => _options.Clock;

    /// <inheritdoc />
    public Instant EngineClock
    {
        get
        {
            lock (_stampGate)
            {
                return _stamp;
            }
        }
    }

    /// <inheritdoc />
    public Duration EngineAheadBy => Duration.Zero;

    /// <inheritdoc />
    public bool HasPartition(string code) => _layout.Find(code) is not null;

    /// <inheritdoc />
    public EngineCommand Preview(JsonObject command, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(command);
        var copy = (JsonObject)command.DeepClone();
        Stamp(copy, Truncate(Clock.GetCurrentInstant()), caller);
        return CommandReader.Read(copy.ToJsonString(), 0)!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServedEvent>> SubmitAsync(JsonObject command, Caller caller, string? partition = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(caller);
        var preview = Preview(command, caller);
        var target = partition ?? await RouteAsync(preview).ConfigureAwait(false);
        var gate = _gates[target];
        SubmitReply reply;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Stamp(command, NextStamp(), caller);
            reply = await _grains.GetGrain<IPartitionGrain>(target).Submit(command.ToJsonString()).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        var events = new List<ServedEvent>(reply.Events.Length + reply.ForwardEvents.Length);
        Collect(reply.Events, reply.Partition, events);
        if (reply.ForwardedTo is { } to)
        {
            Collect(reply.ForwardEvents, to, events);
        }

        Hub.PublishReplies(events);
        return events;
    }

    /// <inheritdoc />
    public async Task<TicketStatus?> GetStatusAsync(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var found = await LocateAsync(ticket).ConfigureAwait(false);
        if (found is not { Json: { } json })
        {
            return null;
        }

        var status = ReadStatus(json).Status;
        Hub.Learn(ticket, status.Unit);
        return status;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Ticket, TicketStatus Status)>> GetWorklistAsync(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var owners = _layout.Partitions.Where(p => p.Catalog.Units.Any(u => u.Id == unit)).ToList();
        var lists = await Task.WhenAll(owners.Select(p => _grains.GetGrain<IPartitionGrain>(p.Code).Worklist(unit))).ConfigureAwait(false);
        var all = new List<(string Ticket, TicketStatus Status)>();
        for (int i = 0; i < owners.Count; i++)
        {
            foreach (var line in lists[i])
            {
                var entry = ReadStatus(line);
                _ticketPartition.TryAdd(entry.Ticket, owners[i].Code);
                all.Add(entry);
            }
        }

        // Soonest due first across partitions (each partition's list is already in that order).
        return owners.Count <= 1 ? all : [.. all.OrderBy(t => Due(t.Status) ?? Instant.MaxValue)];
    }

    /// <inheritdoc />
    public Task CatchUpAsync(CancellationToken cancellationToken) => Task.CompletedTask; // replies are published before SubmitAsync returns

    /// <summary>Adds the Orleans silo (localhost clustering) and this engine to <paramref name="builder"/>.</summary>
    public static void AddTo(WebApplicationBuilder builder, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = options.Cluster!;
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning); // Orleans placement retries log every attempt at Information
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, cluster.Primary)
            .AddHotlinePartitions(cluster.Layout));
        builder.Services.AddSingleton<ClusteredEngine>();
        builder.Services.AddSingleton<IServedEngine>(sp => sp.GetRequiredService<ClusteredEngine>());
    }

    private static Instant? Due(TicketStatus s) => s.SignDue ?? s.ReturnDue ?? s.HandleDue;

    private void Collect(string[] lines, string partition, List<ServedEvent> into)
    {
        foreach (var line in lines)
        {
            var e = ServedEvent.Parse(line);
            if (e is { Name: "accepted", Ticket: { } ticket })
            {
                _ticketPartition[ticket] = partition;
            }

            into.Add(e);
        }
    }

    // The partition a command goes to when the caller names none.
    private async Task<string> RouteAsync(EngineCommand c)
    {
        var first = _layout.Partitions[0].Code;
        if (c.Op == CommandOp.Receive)
        {
            return c.Region is { } region && _layout.Regions.OwnerOf(region) is { } owner ? owner : first;
        }

        if (c.Ticket is { } ticket)
        {
            return (await LocateAsync(ticket).ConfigureAwait(false))?.Partition ?? first; // none: the first answers unknown-ticket
        }

        // Reports and other ticketless commands: the partition whose catalog has the unit, else the first.
        return c.Unit is { } unit && _layout.Partitions.FirstOrDefault(p => p.Catalog.Units.Any(u => u.Id == unit)) is { } p
            ? p.Code
            : first;
    }

    // The partition holding the ticket and its status JSON, or null when none does.
    private async Task<(string Partition, string? Json)?> LocateAsync(string ticket)
    {
        if (_ticketPartition.TryGetValue(ticket, out var known)
            && await _grains.GetGrain<IPartitionGrain>(known).Status(ticket).ConfigureAwait(false) is { } json)
        {
            return (known, json);
        }

        var codes = _layout.Partitions.Select(p => p.Code).ToList();
        var answers = await Task.WhenAll(codes.Select(c => _grains.GetGrain<IPartitionGrain>(c).Status(ticket))).ConfigureAwait(false);
        for (int i = 0; i < codes.Count; i++)
        {
            if (answers[i] is { } found)
            {
                _ticketPartition[ticket] = codes[i];
                return (codes[i], found);
            }
        }

        return null;
    }

    private static (string Ticket, TicketStatus Status) ReadStatus(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        Instant? At(string name) => Text(name) is { } t ? InstantText.Parse(t) : null;
        var status = new TicketStatus(
            Text("state") ?? "unknown",
            Text("unit"),
            At("signDue"),
            At("returnDue"),
            At("handleDue"),
            Text("rating"),
            r.TryGetProperty("extensions", out var x) && x.ValueKind == JsonValueKind.Number ? x.GetInt32() : 0,
            r.TryGetProperty("uncovered", out var u) && u.ValueKind == JsonValueKind.True);
        return (Text("ticket") ?? string.Empty, status);
    }

    private Instant NextStamp()
    {
        lock (_stampGate)
        {
            var now = Truncate(Clock.GetCurrentInstant());
            if (now > _stamp)
            {
                _stamp = now;
            }

            return _stamp;
        }
    }

    private void Stamp(JsonObject command, Instant at, Caller caller)
    {
        command["at"] = InstantText.Format(at, Zone);
        command["by"] = caller.Id;
    }

    private static Instant Truncate(Instant instant)
    {
        long ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % NodaConstants.TicksPerSecond) + NodaConstants.TicksPerSecond) % NodaConstants.TicksPerSecond));
    }
}

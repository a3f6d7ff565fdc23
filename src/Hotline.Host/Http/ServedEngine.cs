using System.Text.Json.Nodes;
using Hotline.Engine.Calendar;
using Hotline.Engine.Engine;
using Hotline.Engine.Journal;
using Hotline.Engine.Protocol;
using Hotline.Engine.Tickets;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>
/// The engine as <c>hotline serve</c> runs it: commands stamped with the host's clock and the
/// caller's identity, a live clock that moves the engine every tick, the event pump, and a
/// graceful stop that commits the journal.
/// </summary>
/// <remarks>
/// <para>
/// <b>Stamping.</b> The host, not the client, says when a command happened (<c>at</c>) and who did it
/// (<c>by</c>), so nobody can backdate a close. The stamp goes into the command's JSON before the
/// engine reads it, so the journal keeps exactly what was applied and a replay after a restart
/// applies the same instant. Stamps are whole seconds (the protocol's output precision), never go
/// backwards, and are handed to the engine in stamp order under one lock — two requests racing
/// never make each other <c>out-of-order</c>.
/// </para>
/// <para>
/// <b>A clock ahead.</b> When the recovered engine clock is ahead of the host's (a data directory
/// from a virtual-time run, or a clock set back), stamps hold at the engine clock until the host
/// catches up, and <see cref="EngineAheadBy"/> says by how much (the health check warns).
/// </para>
/// <para><b>Threads.</b> Every member may be called from any thread.</para>
/// </remarks>
internal sealed class ServedEngine : IServedEngine, IHostedService
{
    // Serializes stamping with submitting, so commands reach the engine in stamp order.
    private readonly Lock _stampGate = new();

    // What the host runs by; read-only.
    private readonly ServeOptions _options;

    // The last stamp handed to the engine: the engine clock from then on; guarded by _stampGate.
    private Instant _stamp;

    // Highest seq any submit returned; the hub has handled everything up to it once it catches up.
    private long _submittedSeq;

    // Stops the ticker.
    private readonly CancellationTokenSource _stopping = new();

    // The live clock's loop; set by StartAsync, awaited by StopAsync.
    private Task _ticker = Task.CompletedTask;

    // The hub's pump over the engine's event stream; ends when the engine is disposed.
    private readonly Task _pump;

    /// <summary>Starts the engine (with its event stream on) for <paramref name="options"/>.</summary>
    /// <exception cref="JournalException">The data directory cannot be used.</exception>
    public ServedEngine(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Calendar = options.Engine.BuildCalendar();
        Hub = new EventHub(options.SubscriberCapacity);
        Engine = HotlineEngine.Start(new EngineOptions
        {
            Profile = options.Engine.Profile,
            Catalog = options.Engine.Catalog,
            CalendarFile = options.Engine.CalendarFile,
            DataDirectory = options.Engine.DataDirectory,
            EventStreamCapacity = 4096,
            Diagnostics = options.Diagnostics,
        });
        _pump = Task.Run(() => Hub.RunAsync(Engine.Events, Engine.Zone));
    }

    /// <summary>The engine.</summary>
    public HotlineEngine Engine { get; }

    /// <inheritdoc />
    public DateTimeZone Zone => Engine.Zone;

    /// <summary>The host's view of the event stream.</summary>
    public EventHub Hub { get; }

    /// <summary>The calendar the engine counts by (for the health check's coverage warning).</summary>
    public WorkingCalendar Calendar { get; }

    /// <summary>The host's clock.</summary>
    public IClock Clock => _options.Clock;

    /// <summary>The engine's clock: the last instant the host moved it to.</summary>
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

    /// <summary>How far the engine clock is ahead of the host's clock; zero when it is not.</summary>
    public Duration EngineAheadBy
    {
        get
        {
            var ahead = EngineClock - Truncate(Clock.GetCurrentInstant());
            return ahead > Duration.Zero ? ahead : Duration.Zero;
        }
    }

    /// <summary>
    /// Reads a command object as the engine would, with the caller's identity and a provisional
    /// stamp, to check its schema and op before anything is submitted. Does not change <paramref name="command"/>.
    /// </summary>
    public EngineCommand Preview(JsonObject command, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(command);
        var copy = (JsonObject)command.DeepClone();
        Stamp(copy, Truncate(Clock.GetCurrentInstant()), caller);
        return CommandReader.Read(copy.ToJsonString(), 0)!;
    }

    /// <inheritdoc />
    public bool HasPartition(string code) => false;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServedEvent>> SubmitAsync(JsonObject command, Caller caller, string? partition = null)
    {
        var events = await SubmitEngineAsync(command, caller).ConfigureAwait(false);
        var writer = new EventWriter(Engine.Zone);
        return [.. events.Select(e => ServedEvent.From(e, writer))];
    }

    /// <summary>Stamps <c>at</c> and <c>by</c> into <paramref name="command"/> and submits it; the engine's events once applied (and committed).</summary>
    /// <exception cref="ObjectDisposedException">The host is stopping.</exception>
    /// <exception cref="JournalException">The journal cannot be written.</exception>
    public async Task<IReadOnlyList<EngineEvent>> SubmitEngineAsync(JsonObject command, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(caller);
        ValueTask<IReadOnlyList<EngineEvent>> pending;
        lock (_stampGate)
        {
            var at = NextStamp();
            Stamp(command, at, caller);
            pending = Engine.SubmitAsync(CommandReader.Read(command.ToJsonString(), 0)!);
        }

        return Note(await pending.ConfigureAwait(false));
    }

    /// <summary>Moves the engine's clock to the host's clock, firing due timers; the timer events.</summary>
    public async Task<IReadOnlyList<EngineEvent>> TickAsync()
    {
        ValueTask<IReadOnlyList<EngineEvent>> pending;
        lock (_stampGate)
        {
            pending = Engine.AdvanceAsync(NextStamp());
        }

        return Note(await pending.ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Ticket, TicketStatus Status)>> GetWorklistAsync(string unit) =>
        await Engine.GetWorklistAsync(unit).ConfigureAwait(false);

    /// <summary>A ticket's status, learning its holder for the hub.</summary>
    public async Task<TicketStatus?> GetStatusAsync(string ticket)
    {
        var status = await Engine.GetStatusAsync(ticket).ConfigureAwait(false);
        if (status is not null)
        {
            Hub.Learn(ticket, status.Unit);
        }

        return status;
    }

    /// <summary>Completes when the hub has handled every event any submit has returned so far (read-your-writes).</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) =>
        Hub.WaitForAsync(Interlocked.Read(ref _submittedSeq), cancellationToken);

    /// <summary>Finds the engine clock, learns the holders of open tickets, and starts the live clock.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A first advance to now: rejected out-of-order when the recovered clock is ahead of ours.
        var now = Truncate(Clock.GetCurrentInstant());
        var probe = await Engine.AdvanceAsync(now).ConfigureAwait(false);
        lock (_stampGate)
        {
            _stamp = now;
            if (probe.LastOrDefault() is { Name: "rejected", Code: "out-of-order", At: { } engineClock })
            {
                _stamp = Ceiling(engineClock);
            }
        }

        Note(probe);
        if (EngineAheadBy > Duration.Zero)
        {
            _options.Diagnostics?.Invoke($"the engine clock ({InstantText.Format(EngineClock, Engine.Zone)}) is ahead of the host clock by {EngineAheadBy}; commands are stamped with the engine clock until the host catches up");
        }

        foreach (var unit in _options.Engine.Catalog.Units)
        {
            foreach (var (ticket, _) in await Engine.GetWorklistAsync(unit.Id).ConfigureAwait(false))
            {
                Hub.Seed(ticket, unit.Id);
            }
        }

        if (_options.TickInterval > TimeSpan.Zero)
        {
            _ticker = Task.Run(RunTickerAsync, CancellationToken.None);
        }
    }

    /// <summary>Stops the live clock, finishes and commits what was submitted, and closes the journal.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _ticker.ConfigureAwait(false);
        try
        {
            await Engine.DisposeAsync().ConfigureAwait(false);
        }
        catch (JournalException e)
        {
            _options.Diagnostics?.Invoke(e.Message.ReplaceLineEndings(" "));
        }

        await _pump.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunTickerAsync()
    {
        using var timer = new PeriodicTimer(_options.TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await TickAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (ObjectDisposedException)
        {
            // the engine stopped first
        }
        catch (JournalException e)
        {
            _options.Diagnostics?.Invoke($"the live clock stopped: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private IReadOnlyList<EngineEvent> Note(IReadOnlyList<EngineEvent> events)
    {
        foreach (var e in events)
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref _submittedSeq);
            }
            while (e.Seq > seen && Interlocked.CompareExchange(ref _submittedSeq, e.Seq, seen) != seen);
        }

        return events;
    }

    private Instant NextStamp()
    {
        var now = Truncate(Clock.GetCurrentInstant());
        if (now > _stamp)
        {
            _stamp = now;
        }

        return _stamp;
    }

    private void Stamp(JsonObject command, Instant at, Caller caller)
    {
        command["at"] = InstantText.Format(at, Engine.Zone);
        command["by"] = caller.Id;
    }

    /// <summary>Whole seconds, as the protocol writes instants, so every stamp survives formatting unchanged.</summary>
    private static Instant Truncate(Instant instant)
    {
        long ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % NodaConstants.TicksPerSecond) + NodaConstants.TicksPerSecond) % NodaConstants.TicksPerSecond));
    }

    private static Instant Ceiling(Instant instant)
    {
        var down = Truncate(instant);
        return down == instant ? down : down + Duration.FromSeconds(1);
    }
}

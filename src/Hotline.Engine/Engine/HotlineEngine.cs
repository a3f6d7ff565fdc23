using System.Diagnostics;
using System.Threading.Channels;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;
using Hotline.Engine.Statistics;
using Hotline.Engine.Tickets;
using Microsoft.Extensions.ObjectPool;
using NodaTime;

namespace Hotline.Engine.Engine;

/// <summary>
/// One partition of the hotline engine: submit commands, await each one's events, optionally read
/// every event as a stream. A single loop applies the commands in the order submitted, so ticket
/// state needs no locks and a replay reproduces the same events.
/// </summary>
/// <remarks>
/// <para>
/// <b>Threads.</b> <see cref="SubmitAsync"/> may be called from any thread; commands from one caller
/// apply in the order that caller submitted them. The loop drains the command channel in batches:
/// it applies a batch, appends it to the journal, commits once (group commit), and only then
/// completes each command's awaitable — so with a data directory nothing is acknowledged before it
/// is durable.
/// </para>
/// <para>
/// <b>Time.</b> The engine never reads a clock: commands carry their instant (<c>at</c>), and a live
/// host moves time with <see cref="AdvanceAsync"/> from its own clock.
/// </para>
/// <example>
/// <code>
/// await using var engine = HotlineEngine.Start(new EngineOptions
/// {
///     Profile = PolicyProfile.Resolve("changsha-2020"),
///     Catalog = SampleCatalogs.Changsha,
/// });
/// var events = await engine.SubmitAsync(CommandReader.Read(line, 1)!);
/// </code>
/// </example>
/// </remarks>
public sealed class HotlineEngine : IAsyncDisposable
{
    /// <summary>Most commands applied between two journal commits.</summary>
    private const int MaxBatch = 4096;

    private static readonly ObjectPool<PendingCommand> Pool = CreatePool();
    private static readonly EngineCommand ReadMarker = new() { Op = CommandOp.None };

    private readonly EngineCore _core;
    private readonly EngineStore? _store;
    private readonly Channel<PendingCommand> _commands;
    private readonly Channel<EngineEvent>? _events;
    private readonly Task _loop;
    private readonly bool _readOnly;
    private readonly EngineMetrics _metrics;
    private readonly EngineOptions _options;

    private HotlineEngine(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _core = new EngineCore(options.Profile, options.BuildCalendar(), CompiledCatalog.Compile(options.Catalog));
        _readOnly = options.ReadOnly;
        _options = options;
        if (options.DataDirectory is { } path)
        {
            _store = EngineStore.Open(path, options, _core);
        }

        _metrics = new EngineMetrics(() => (_core.TicketCount, _core.ArmedTimers));

        _commands = Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
        if (options.EventStreamCapacity > 0)
        {
            _events = Channel.CreateBounded<EngineEvent>(new BoundedChannelOptions(options.EventStreamCapacity)
            {
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Every event in order, when <see cref="EngineOptions.EventStreamCapacity"/> is set; otherwise an
    /// empty, completed reader.
    /// </summary>
    public ChannelReader<EngineEvent> Events => _events?.Reader ?? EmptyEvents.Reader;

    /// <summary>The zone the engine's instants are shown in (the profile's).</summary>
    public DateTimeZone Zone => _core.Calendar.Zone;

    /// <summary>
    /// Starts an engine. With a data directory it first recovers: every committed command is
    /// replayed, so tickets, timers, ids and the clock are as they were.
    /// </summary>
    /// <exception cref="Catalog.CatalogException">The catalog does not compile.</exception>
    /// <exception cref="Journal.JournalException">The data directory cannot be used; the message says why.</exception>
    public static HotlineEngine Start(EngineOptions options) => new(options);

    /// <summary>
    /// Opens a data directory to read it — reports, statistics, statuses — with the profile it was
    /// made with and the catalog and calendar its journal holds. Commands are refused; the directory
    /// is locked while open, as for a run.
    /// </summary>
    /// <exception cref="Journal.JournalException">The directory cannot be used; the message says why.</exception>
    public static HotlineEngine OpenReadOnly(string dataDirectory, Action<string>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var profile = PolicyProfile.Parse(Journal.DataDirectory.ReadProfileDefinition(dataDirectory), $"{dataDirectory}/hotline.json");
        return new HotlineEngine(new EngineOptions
        {
            Profile = profile,
            Catalog = Catalog.SampleCatalogs.Changsha, // replaced by the journal's own catalog on replay
            DataDirectory = dataDirectory,
            Diagnostics = diagnostics,
            ReadOnly = true,
        });
    }

    /// <summary>
    /// Submits a command; the returned task completes with its events (after the timer events that
    /// moving the clock to its <c>at</c> fired first) once they are decided — and, in durable mode,
    /// committed to the journal.
    /// </summary>
    /// <remarks>A submitted command is always applied; there is no cancelling it.</remarks>
    /// <exception cref="ObjectDisposedException">The engine has been stopped.</exception>
    public ValueTask<IReadOnlyList<EngineEvent>> SubmitAsync(EngineCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_readOnly)
        {
            throw new InvalidOperationException("This engine was opened read-only (OpenReadOnly); it takes no commands.");
        }

        if (command.Op == CommandOp.Catalog && command.SchemaError is null && command.PreloadedCatalog is null && command.PreloadError is null)
        {
            // Read the file here, off the loop, and keep its content with the command for replay.
            command = EngineStore.Preload(command);
        }

        var pending = Pool.Get();
        pending.Command = command;
        if (!_commands.Writer.TryWrite(pending))
        {
            pending.Command = null;
            Pool.Return(pending);
            throw new ObjectDisposedException(nameof(HotlineEngine), "The engine has been stopped.");
        }

        return pending.AsValueTask();
    }

    /// <summary>Moves the clock to <paramref name="now"/> (a live host's tick), returning the timer events that fired.</summary>
    public ValueTask<IReadOnlyList<EngineEvent>> AdvanceAsync(Instant now) =>
        SubmitAsync(new EngineCommand { Op = CommandOp.Advance, At = now });

    /// <summary>A ticket's status, or null when the engine does not hold it. Read on the loop, so it is consistent; it moves nothing.</summary>
    public ValueTask<TicketStatus?> GetStatusAsync(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ReadAsync(core => core.Status(ticket));
    }

    /// <summary>A unit's open tickets, soonest due first.</summary>
    public ValueTask<IReadOnlyList<(string Ticket, TicketStatus Status)>> GetWorklistAsync(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return ReadAsync(core => core.Worklist(unit));
    }

    /// <summary>The report of spec §6 over [<paramref name="from"/>, <paramref name="to"/>), as a <c>report</c> command would count it, without recording a command.</summary>
    public ValueTask<Report> GetReportAsync(Instant from, Instant to, string? unit = null) =>
        ReadAsync(core => core.Report(from, to, unit));

    /// <summary>The live daily counters for [<paramref name="from"/>, <paramref name="toExclusive"/>), per unit, category and region.</summary>
    public ValueTask<IReadOnlyList<DailyCounters>> GetDailyStatisticsAsync(LocalDate from, LocalDate toExclusive) =>
        ReadAsync(core => core.DailyStatistics(from, toExclusive));

    /// <summary>The <c>hotspot</c> events raised so far (Zhongshan 2024 arts. 26–29).</summary>
    public ValueTask<IReadOnlyList<EngineEvent>> GetHotspotsAsync() =>
        ReadAsync<IReadOnlyList<EngineEvent>>(core => [.. core.Hotspots]);

    /// <summary>The engine clock (null before any command) and the number of tickets it holds.</summary>
    public ValueTask<(Instant? Clock, int Tickets, int ArmedTimers)> GetClockAsync() =>
        ReadAsync(core => (core.Clock, core.TicketCount, core.ArmedTimers));

    /// <summary>Stops taking commands, finishes (and commits) those already submitted, and closes the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            _events?.Writer.TryComplete();
            _store?.Dispose();
            _metrics.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var reader = _commands.Reader;
        var output = new List<EngineEvent>();
        var batch = new List<(PendingCommand Pending, EngineEvent[] Events)>();
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var pending))
                {
                    output.Clear();
                    var command = pending.Command!;
                    if (pending.Read is { } read)
                    {
                        // A read of the state: on the loop, so consistent; it moves nothing and is not journaled.
                        read(_core);
                    }
                    else
                    {
                        long before = _core.Seq;
                        _core.Apply(command, output);
                        _store?.Append(command, before + 1, output);
                    }

                    batch.Add((pending, [.. output]));
                }

                if (_store is not null)
                {
                    long started = Stopwatch.GetTimestamp();
                    await _store.CommitAsync().ConfigureAwait(false);
                    _metrics.Commit(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                Measure(batch);

                foreach (var (pending, events) in batch)
                {
                    if (_events is not null)
                    {
                        foreach (var e in events)
                        {
                            await _events.Writer.WriteAsync(e).ConfigureAwait(false);
                        }
                    }

                    pending.Complete(events);
                }

                batch.Clear();
            }
        }
        catch (Exception e)
        {
            // Nothing in this batch is acknowledged; fail it and everything after it, and stop.
            _commands.Writer.TryComplete(e);
            foreach (var (pending, _) in batch)
            {
                pending.Fail(e);
            }

            while (reader.TryRead(out var pending))
            {
                pending.Fail(e);
            }

            if (_options.Logger is { } logger)
            {
                EngineLog.Stopped(logger, e, e.Message);
            }

            throw;
        }
    }

    private void Measure(List<(PendingCommand Pending, EngineEvent[] Events)> batch)
    {
        int events = 0, rejected = 0, overdue = 0;
        foreach (var (_, list) in batch)
        {
            events += list.Length;
            foreach (var e in list)
            {
                if (e.Name == "rejected")
                {
                    rejected++;
                }
                else if (e.Name == "overdue")
                {
                    overdue++;
                }
            }
        }

        _metrics.Batch(batch.Count, events, rejected, overdue);
    }

    private async ValueTask<T> ReadAsync<T>(Func<EngineCore, T> read)
    {
        T result = default!;
        var pending = Pool.Get();
        pending.Command = ReadMarker;
        pending.Read = core => result = read(core);
        if (!_commands.Writer.TryWrite(pending))
        {
            pending.Command = null;
            pending.Read = null;
            Pool.Return(pending);
            throw new ObjectDisposedException(nameof(HotlineEngine), "The engine has been stopped.");
        }

        await pending.AsValueTask().ConfigureAwait(false);
        return result;
    }

    private static ObjectPool<PendingCommand> CreatePool()
    {
        var policy = new PendingCommand.Policy();
        var pool = new DefaultObjectPoolProvider { MaximumRetained = 4096 }.Create(policy);
        policy.Attach(pool);
        return pool;
    }

    private static class EmptyEvents
    {
        public static readonly Channel<EngineEvent> Channel = CreateCompleted();

        public static ChannelReader<EngineEvent> Reader => Channel.Reader;

        private static Channel<EngineEvent> CreateCompleted()
        {
            var channel = System.Threading.Channels.Channel.CreateUnbounded<EngineEvent>();
            channel.Writer.Complete();
            return channel;
        }
    }
}

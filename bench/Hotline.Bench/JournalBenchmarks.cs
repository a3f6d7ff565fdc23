using System.Text;
using BenchmarkDotNet.Attributes;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using NodaTime;

namespace Hotline.Bench;

/// <summary>
/// Durable commands per second with group commit (the engine with a data directory: each command's
/// events journaled in a FASTER log and committed before acknowledgement) against the practical
/// ceiling: the same events' JSON lines written with a <see cref="FileStream"/> and
/// <c>Flush(true)</c> per batch of 1,000 commands (<c>Baseline</c>). Mean is per command.
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int Commands = 50_000;
    private const int Batch = 1_000;

    private readonly PolicyProfile _profile = PolicyProfile.Resolve("changsha-2020");
    private EngineCommand[] _commands = [];
    private byte[][] _eventLines = [];
    private string _dir = "";
    private HotlineEngine? _engine;

    [GlobalSetup]
    public void Setup()
    {
        SampleTraffic.UseTestKey();
        var start = Instant.FromUtc(2026, 3, 2, 1, 0);
        var streets = SampleTraffic.Streets;
        var categories = SampleTraffic.Categories;
        _commands = [.. Enumerable.Range(0, Commands).Select(i => new EngineCommand
        {
            Op = CommandOp.Receive, At = start + Duration.FromMilliseconds(i * 50), Ticket = $"J{i:D7}", Channel = "phone",
            Kind = Hotline.Engine.Tickets.TicketKind.Complaint, Category = categories[i % categories.Length], Region = streets[i % streets.Length],
            CallerName = "市民", CallerPhone = $"139{i:D8}",
        })];

        // The baseline writes exactly the events the engine produces for these commands.
        var engine = HotlineEngine.Start(new EngineOptions { Profile = _profile, Catalog = SampleCatalogs.Changsha });
        var writer = new EventWriter(engine.Zone);
        _eventLines = new byte[Commands][];
        for (int i = 0; i < Commands; i++)
        {
            var events = engine.SubmitAsync(_commands[i]).AsTask().GetAwaiter().GetResult();
            _eventLines[i] = Encoding.UTF8.GetBytes(string.Concat(events.Select(e => writer.ToJson(e) + "\n")));
        }

        engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void NewDirectory() => _dir = Path.Combine(Path.GetTempPath(), $"hotline-bench-{Guid.NewGuid():N}");

    [IterationSetup(Target = nameof(DurableEngine))]
    public void StartEngine()
    {
        NewDirectory();
        _engine = HotlineEngine.Start(new EngineOptions { Profile = _profile, Catalog = SampleCatalogs.Changsha, DataDirectory = _dir });
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine = null;
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>The practical ceiling: the events' lines to a file, flushed to disk per 1,000 commands.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public long FileStreamFlushPerBatch()
    {
        Directory.CreateDirectory(_dir);
        using var stream = new FileStream(Path.Combine(_dir, "events.jsonl"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        for (int i = 0; i < Commands; i++)
        {
            stream.Write(_eventLines[i]);
            if (i % Batch == Batch - 1)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        stream.Flush(flushToDisk: true);
        return stream.Length;
    }

    /// <summary>The engine in durable mode: applied, journaled (sealed), group-committed, then acknowledged.</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public async Task<long> DurableEngine()
    {
        const int Window = 1024;
        var pending = new ValueTask<IReadOnlyList<EngineEvent>>[Window];
        long events = 0;
        for (int i = 0; i < Commands; i += Window)
        {
            int n = Math.Min(Window, Commands - i);
            for (int k = 0; k < n; k++)
            {
                pending[k] = _engine!.SubmitAsync(_commands[i + k]);
            }

            for (int k = 0; k < n; k++)
            {
                events += (await pending[k]).Count;
            }
        }

        return events;
    }
}

using BenchmarkDotNet.Attributes;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;

namespace Hotline.Cluster.Bench;

/// <summary>
/// Durable receives per second: 1,000 concurrent submits to the in-process engine (the baseline)
/// against 1,000 concurrent grain calls to the partition grain hosting the same engine in a
/// localhost silo (serialization, messaging and scheduling on top; the same group commit beneath).
/// </summary>
[MemoryDiagnoser]
public class SubmitBenchmarks
{
    private const int Batch = 1000;
    private BenchCluster _cluster = null!;
    private HotlineEngine _engine = null!;
    private string _engineRoot = null!;
    private IPartitionGrain _grain = null!;
    private int _next;

    /// <summary>Starts the silo and a standalone engine on their own journals.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        _cluster = await BenchCluster.StartAsync().ConfigureAwait(false);
        _grain = _cluster.Grains.GetGrain<IPartitionGrain>("430100");
        await _grain.Describe().ConfigureAwait(false);
        _engineRoot = Path.Combine(Path.GetTempPath(), "hotline-engine-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _engine = HotlineEngine.Start(new EngineOptions
        {
            Profile = PolicyProfile.Resolve("changsha-2020"),
            Catalog = BenchCluster.Catalog("430100"),
            DataDirectory = _engineRoot,
        });
    }

    /// <summary>Stops both.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        await _cluster.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_engineRoot, recursive: true);
    }

    /// <summary>The engine in process: parse the line, submit, format the events.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public async Task InProcessEngine()
    {
        var writer = new EventWriter(_engine.Zone);
        var tasks = new Task<IReadOnlyList<EngineEvent>>[Batch];
        for (int i = 0; i < Batch; i++)
        {
            var command = CommandReader.Read(BenchCluster.Receive($"E{_next++}", "430102"), 1)!;
            tasks[i] = _engine.SubmitAsync(command).AsTask();
        }

        // EventWriter is not thread-safe: format on this thread once all are acknowledged, as a
        // grain does on its own scheduler.
        var all = await Task.WhenAll(tasks).ConfigureAwait(false);
        foreach (var events in all)
        {
            foreach (var e in events)
            {
                _ = writer.ToJson(e);
            }
        }
    }

    /// <summary>The same command line through <see cref="IPartitionGrain.Submit"/>.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task GrainCall()
    {
        var tasks = new Task<SubmitReply>[Batch];
        for (int i = 0; i < Batch; i++)
        {
            tasks[i] = _grain.Submit(BenchCluster.Receive($"G{_next++}", "430102"));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}

using BenchmarkDotNet.Attributes;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using NodaTime;

namespace Hotline.Bench;

/// <summary>
/// Recovery of a data directory holding <see cref="Tickets"/> open tickets: opening it replays the
/// journal through the engine (tickets, timers, ids and clock come back). The baseline is reading the
/// journal's bytes from disk — the floor any recovery pays.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RecoveryBenchmarks
{
    private string _dir = "";

    /// <summary>Open tickets in the directory.</summary>
    [Params(1_000_000)]
    public int Tickets { get; set; }

    /// <summary>Builds the directory once: one receive per ticket, each open and armed (sign clock).</summary>
    [GlobalSetup]
    public void Setup()
    {
        SampleTraffic.UseTestKey();
        _dir = Path.Combine(Path.GetTempPath(), $"hotline-recovery-{Tickets}");
        if (File.Exists(Path.Combine(_dir, "ready")))
        {
            return;
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }

        var streets = SampleTraffic.Streets;
        var categories = SampleTraffic.Categories;
        var start = Instant.FromUtc(2026, 3, 2, 1, 0);
        var engine = HotlineEngine.Start(new EngineOptions { Profile = PolicyProfile.Resolve("changsha-2020"), Catalog = SampleCatalogs.Changsha, DataDirectory = _dir });
        const int Window = 4096;
        var pending = new ValueTask<IReadOnlyList<EngineEvent>>[Window];
        for (int i = 0; i < Tickets; i += Window)
        {
            int n = Math.Min(Window, Tickets - i);
            for (int k = 0; k < n; k++)
            {
                int t = i + k;
                pending[k] = engine.SubmitAsync(new EngineCommand
                {
                    Op = CommandOp.Receive, At = start + Duration.FromMilliseconds(t * 10L), Ticket = $"R{t:D8}", Channel = "web",
                    Kind = Hotline.Engine.Tickets.TicketKind.Help, Category = categories[t % categories.Length], Region = streets[t % streets.Length],
                });
            }

            for (int k = 0; k < n; k++)
            {
                pending[k].AsTask().GetAwaiter().GetResult();
            }
        }

        engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        File.WriteAllText(Path.Combine(_dir, "ready"), "");
    }

    /// <summary>The floor: read every journal byte.</summary>
    [Benchmark(Baseline = true)]
    public long ReadJournalBytes() =>
        Directory.GetFiles(Path.Combine(_dir, "journal"), "*.log.*").Sum(f => (long)File.ReadAllBytes(f).Length);

    /// <summary>Open the directory: replay every command, re-arm every timer.</summary>
    [Benchmark]
    public int Recover()
    {
        var engine = HotlineEngine.OpenReadOnly(_dir);
        var (_, tickets, _) = engine.GetClockAsync().AsTask().GetAwaiter().GetResult();
        engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return tickets;
    }
}

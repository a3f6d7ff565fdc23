using BenchmarkDotNet.Attributes;
using Hotline.Bench.Baselines;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using NodaTime;

namespace Hotline.Bench;

/// <summary>
/// Whole ticket lifecycles (receive → dispatch → sign → close → close-decision → callback → rate)
/// through the public API on a virtual clock, against the straightforward design (a lock, a
/// Dictionary of ticket objects, a PriorityQueue of deadlines, day-by-day working days). Each
/// invocation runs <see cref="Lifecycles"/> lifecycles, 6 commands each, on a fresh engine, with
/// lifecycles interleaved the way a busy hour interleaves them; Mean is per command.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Lifecycles = 20_000;
    private const int CommandsPerLifecycle = 6;

    private readonly PolicyProfile _profile = PolicyProfile.Resolve("changsha-2020");
    private EngineCommand[] _commands = [];
    private (string Op, string Ticket, Instant At, string? A, string? B)[] _plain = [];
    private HotlineEngine? _engine;
    private StraightforwardEngine? _baseline;

    /// <summary>Builds the command stream once: lifecycles started a second apart, each step a few minutes to days later.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var catalog = SampleCatalogs.Changsha;
        var streets = SampleTraffic.Streets;
        var categories = SampleTraffic.Categories;
        var steps = new List<(Instant At, int Order, string Op, string Ticket, string? A, string? B)>();
        var start = Instant.FromUtc(2026, 3, 2, 1, 0);
        var compiled = Hotline.Engine.Routing.CompiledCatalog.Compile(catalog);
        for (int i = 0; i < Lifecycles; i++)
        {
            string id = $"T{i:D6}";
            string category = categories[random.Next(categories.Length)];
            string region = streets[random.Next(streets.Length)];
            string unit = compiled.Route(category, region).LeadUnitId!;
            var at = start + Duration.FromSeconds(i);
            steps.Add((at, 0, "receive", id, category, region));
            at += Duration.FromMinutes(random.Next(10, 600));
            steps.Add((at, 1, "sign", id, unit, null));
            at += Duration.FromHours(random.Next(4, 96));
            steps.Add((at, 2, "close", id, unit, null));
            at += Duration.FromMinutes(random.Next(10, 120));
            steps.Add((at, 3, "close-decision", id, null, null));
            at += Duration.FromMinutes(random.Next(10, 600));
            steps.Add((at, 4, "callback", id, null, null));
            at += Duration.FromMinutes(random.Next(10, 600));
            steps.Add((at, 5, "rate", id, "satisfied", null));
        }

        var ordered = steps.OrderBy(s => s.At).ThenBy(s => s.Ticket, StringComparer.Ordinal).ThenBy(s => s.Order).ToArray();
        _plain = [.. ordered.Select(s => (s.Op, s.Ticket, s.At, s.A, s.B))];
        _commands = [.. ordered.Select(s => s.Op switch
        {
            "receive" => new EngineCommand { Op = CommandOp.Receive, At = s.At, Ticket = s.Ticket, Channel = "phone", Kind = Hotline.Engine.Tickets.TicketKind.Complaint, Category = s.A, Region = s.B },
            "sign" => new EngineCommand { Op = CommandOp.Sign, At = s.At, Ticket = s.Ticket, Unit = s.A },
            "close" => new EngineCommand { Op = CommandOp.Close, At = s.At, Ticket = s.Ticket, Unit = s.A, Reply = "done" },
            "close-decision" => new EngineCommand { Op = CommandOp.CloseDecision, At = s.At, Ticket = s.Ticket, Approve = true },
            "callback" => new EngineCommand { Op = CommandOp.Callback, At = s.At, Ticket = s.Ticket, Mode = "auto" },
            _ => new EngineCommand { Op = CommandOp.Rate, At = s.At, Ticket = s.Ticket, Rating = "satisfied" },
        })];
    }

    [IterationSetup(Target = nameof(Straightforward))]
    public void SetupBaseline() => _baseline = new StraightforwardEngine(
        SampleCatalogs.Changsha, HolidaySchedule.ChinaMainland.Holidays, HolidaySchedule.ChinaMainland.Workdays);

    [IterationSetup(Target = nameof(HotlineEngineApi))]
    public void SetupEngine() => _engine = HotlineEngine.Start(new EngineOptions { Profile = _profile, Catalog = SampleCatalogs.Changsha });

    [IterationCleanup(Target = nameof(HotlineEngineApi))]
    public void CleanupEngine() => _engine!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The straightforward design, one command at a time under its lock.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Lifecycles * CommandsPerLifecycle)]
    public long Straightforward()
    {
        long events = 0;
        foreach (var (op, ticket, at, a, b) in _plain)
        {
            events += _baseline!.Apply(op, ticket, at, a, b).Count;
        }

        return events;
    }

    /// <summary>The engine through its public API: commands submitted in windows of 1,024 and awaited in order.</summary>
    [Benchmark(OperationsPerInvoke = Lifecycles * CommandsPerLifecycle)]
    public async Task<long> HotlineEngineApi()
    {
        const int Window = 1024;
        var pending = new ValueTask<IReadOnlyList<EngineEvent>>[Window];
        long events = 0;
        for (int i = 0; i < _commands.Length; i += Window)
        {
            int n = Math.Min(Window, _commands.Length - i);
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

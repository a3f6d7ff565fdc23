using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Hotline.Engine.Timing;
using NodaTime;

namespace Hotline.Bench;

/// <summary>
/// The timing wheel against the standard-library ways of holding N armed deadlines:
/// <see cref="PriorityQueue{TElement, TPriority}"/> with lazy cancellation (the baseline of every
/// category) and, for schedule+cancel, one <see cref="Timer"/> per deadline.
/// </summary>
/// <remarks>
/// <para>One invocation handles all N timers; the extra columns divide by N: <c>ns/timer</c>,
/// <c>Mtimers/s</c> and <c>B/timer</c> (allocated bytes / N). In the Memory category that is what arming
/// costs from empty: for the queue (presized) it is what stays; the wheel's entry slabs never copy but its
/// two 4-byte-per-slot arrays grow by doubling, so its figure includes that growth garbage. GlobalSetup
/// prints the wheel's retained bytes per armed timer too (<c>// TimingWheel: ...</c> in the log).</para>
/// <para>Dues look like SLA clocks: most land in working hours 1–42 calendar days (about 1–30 working
/// days) ahead at 1 s resolution, a quarter on the 17:30 end of a working day (so many share one instant),
/// some within the next hours, 2% 1–5 years ahead. The same seeded dues feed every row.</para>
/// <para>The priority queue is given its best shot: long priorities (unix ticks) instead of
/// <see cref="Instant"/>, presized, and a version array for O(1) lazy cancellation. A lazily cancelled
/// entry still sits in the heap and is popped (O(log n)) when time passes it, so the schedule+cancel
/// baseline includes that purge; <c>PriorityQueue_ScheduleCancel_NoPurge</c> leaves it out (it then only
/// grows: a lower bound, not a usable design).</para>
/// <para><see cref="Timer"/> rows run for 1M only: each real timer is a few heap objects (~200 B, see its
/// B/timer) registered on the runtime's timer queue, so 10M would need ~2 GB of live objects in the
/// benchmark process on a shared 2-core machine, for a row whose ratio is already clear at 1M. Their
/// dues are capped at the Timer limit of ~49.7 days; they never fire.</para>
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TimingWheelBenchmarks
{
    private const string Schedule = "Schedule";
    private const string ScheduleCancel = "ScheduleCancel";
    private const string ScheduleExpire = "ScheduleExpire";
    private const string Memory = "Memory";

    private static readonly Instant Start = Instant.FromUtc(2025, 3, 3, 1, 0); // 09:00 Beijing time, a Monday
    private static readonly Instant End = Start + Duration.FromDays(365 * 6);
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private Instant[] dues = [];
    private long[] dueTicks = [];
    private int[] cancelOrder = [];
    private TimerHandle[] handles = [];
    private int[] versions = [];
    private Timer?[] timers = [];
    private TimingWheel wheel = null!;
    private PriorityQueue<(int Slot, int Version), long> queue = null!;
    private List<long> batch = [];
    private object? kept;

    /// <summary>Armed timers per invocation.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Builds the dues and warms both structures to N so the measured runs allocate nothing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20250303);
        dues = new Instant[N];
        dueTicks = new long[N];
        for (int i = 0; i < N; i++)
        {
            dues[i] = SlaDue(random);
            dueTicks[i] = dues[i].ToUnixTimeTicks();
        }

        cancelOrder = Enumerable.Range(0, N).ToArray();
        random.Shuffle(cancelOrder);
        handles = new TimerHandle[N];
        versions = new int[N];
        batch = new List<long>(1 << 20); // > the largest batch: one 17:30 at N = 10M

        wheel = new TimingWheel(Start);
        Wheel_ScheduleCancel();
        queue = new PriorityQueue<(int, int), long>(N);

        long retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var fresh = new TimingWheel(Start);
        for (int i = 0; i < N; i++)
        {
            fresh.TrySchedule(dues[i], i, out _);
        }

        double allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)N;
        double retained = (GC.GetTotalMemory(forceFullCollection: true) - retainedBefore) / (double)N;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// TimingWheel: N = {N:N0} armed timers: {retained:F1} bytes retained, {allocated:F1} bytes allocated per timer"));
        GC.KeepAlive(fresh);
    }

    /// <summary>Wheel: arm N timers (emptied again after each iteration, outside the measurement).</summary>
    [Benchmark, BenchmarkCategory(Schedule)]
    public int Wheel_Schedule()
    {
        for (int i = 0; i < N; i++)
        {
            wheel.TrySchedule(dues[i], i, out handles[i]);
        }

        return wheel.Count;
    }

    /// <summary>Priority queue: enqueue N entries.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Schedule)]
    public int PriorityQueue_Schedule()
    {
        for (int i = 0; i < N; i++)
        {
            queue.Enqueue((i, versions[i]), dues[i].ToUnixTimeTicks());
        }

        return queue.Count;
    }

    /// <summary>Empties the structures after a schedule-only iteration.</summary>
    [IterationCleanup(Targets = [nameof(Wheel_Schedule), nameof(PriorityQueue_Schedule)])]
    public void EmptyAfterSchedule()
    {
        for (int i = 0; i < N; i++)
        {
            wheel.Cancel(handles[i]);
        }

        queue.Clear();
    }

    /// <summary>Wheel: arm N timers, cancel them all in random order (every deadline moved or withdrawn).</summary>
    [Benchmark, BenchmarkCategory(ScheduleCancel)]
    public int Wheel_ScheduleCancel()
    {
        for (int i = 0; i < N; i++)
        {
            wheel.TrySchedule(dues[i], i, out handles[i]);
        }

        for (int i = 0; i < N; i++)
        {
            wheel.Cancel(handles[cancelOrder[i]]);
        }

        return wheel.Count;
    }

    /// <summary>Priority queue: enqueue N, cancel all lazily (bump the version), then pop the tombstones
    /// when time passes them, as a live loop eventually must.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(ScheduleCancel)]
    public int PriorityQueue_ScheduleCancel()
    {
        int live = PriorityQueue_ScheduleCancel_NoPurge();
        long end = End.ToUnixTimeTicks();
        while (queue.TryPeek(out var entry, out long due) && due <= end)
        {
            queue.Dequeue();
            if (versions[entry.Slot] == entry.Version)
            {
                live++;
            }
        }

        return live;
    }

    /// <summary>Priority queue: enqueue N and cancel all lazily, without ever popping the tombstones (they
    /// are cleared outside the measurement): a lower bound for the queue.</summary>
    [Benchmark, BenchmarkCategory(ScheduleCancel)]
    public int PriorityQueue_ScheduleCancel_NoPurge()
    {
        for (int i = 0; i < N; i++)
        {
            queue.Enqueue((i, versions[i]), dues[i].ToUnixTimeTicks());
        }

        for (int i = 0; i < N; i++)
        {
            versions[cancelOrder[i]]++;
        }

        return 0;
    }

    /// <summary>Clears the tombstones the no-purge row leaves behind.</summary>
    [IterationCleanup(Target = nameof(PriorityQueue_ScheduleCancel_NoPurge))]
    public void ClearTombstones() => queue.Clear();

    /// <summary>One <see cref="Timer"/> per deadline: create N real timers far ahead, dispose them all in
    /// random order. 1M only (see the class remarks).</summary>
    [Benchmark, BenchmarkCategory(ScheduleCancel)]
    public int ThreadingTimer_ScheduleCancel()
    {
        if (timers.Length != N)
        {
            timers = new Timer?[N];
        }

        for (int i = 0; i < N; i++)
        {
            var dueIn = (dues[i] - Start).ToTimeSpan();
            timers[i] = new Timer(static _ => { }, null, dueIn < MaxTimerDue ? dueIn : MaxTimerDue, Timeout.InfiniteTimeSpan);
        }

        for (int i = 0; i < N; i++)
        {
            timers[cancelOrder[i]]!.Dispose();
        }

        Array.Clear(timers);
        return 0;
    }

    /// <summary>A wheel's Now only moves forward and the expire row moves it six years, so each iteration
    /// gets a fresh wheel with room for N (allocated here, outside the measurement).</summary>
    [IterationSetup(Target = nameof(Wheel_ScheduleExpire))]
    public void FreshWheel() => wheel = new TimingWheel(Start, initialCapacity: N);

    /// <summary>Wheel: arm N timers, then advance past them all, taking each batch of equal dues.</summary>
    [Benchmark, BenchmarkCategory(ScheduleExpire)]
    public long Wheel_ScheduleExpire()
    {
        for (int i = 0; i < N; i++)
        {
            wheel.TrySchedule(dues[i], i, out handles[i]);
        }

        long fired = 0;
        var upTo = End;
        while (wheel.TryTakeNext(upTo, batch, out _))
        {
            fired += batch.Count;
            batch.Clear();
        }

        return fired;
    }

    /// <summary>Priority queue: enqueue N, then dequeue in order, grouping equal dues into batches and
    /// checking each entry's version as lazy cancellation requires.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(ScheduleExpire)]
    public long PriorityQueue_ScheduleExpire()
    {
        for (int i = 0; i < N; i++)
        {
            queue.Enqueue((i, versions[i]), dues[i].ToUnixTimeTicks());
        }

        long fired = 0;
        long end = End.ToUnixTimeTicks();
        long current = long.MinValue;
        while (queue.TryPeek(out var entry, out long due) && due <= end)
        {
            queue.Dequeue();
            if (versions[entry.Slot] != entry.Version)
            {
                continue;
            }

            if (due != current)
            {
                fired += batch.Count;
                batch.Clear();
                current = due;
            }

            batch.Add(entry.Slot);
        }

        fired += batch.Count;
        batch.Clear();
        return fired;
    }

    /// <summary>Wheel: a fresh wheel arms N timers; Allocated / N is the memory of one armed timer.</summary>
    [Benchmark, BenchmarkCategory(Memory)]
    public int Wheel_ArmFresh()
    {
        var fresh = new TimingWheel(Start);
        for (int i = 0; i < N; i++)
        {
            fresh.TrySchedule(dues[i], i, out _);
        }

        kept = fresh;
        return fresh.Count;
    }

    /// <summary>Priority queue: a fresh presized queue plus its version array arms N timers.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Memory)]
    public int PriorityQueue_ArmFresh()
    {
        var fresh = new PriorityQueue<(int Slot, int Version), long>(N);
        var freshVersions = new int[N];
        for (int i = 0; i < N; i++)
        {
            fresh.Enqueue((i, freshVersions[i]), dues[i].ToUnixTimeTicks());
        }

        kept = (fresh, freshVersions);
        return fresh.Count;
    }

    /// <summary>Drops the structure a memory row kept alive.</summary>
    [IterationCleanup(Targets = [nameof(Wheel_ArmFresh), nameof(PriorityQueue_ArmFresh)])]
    public void DropFresh() => kept = null;


    private static Instant SlaDue(Random random)
    {
        int kind = random.Next(100);
        if (kind < 2)
        {
            return Start + Duration.FromSeconds(random.NextInt64(365L * 86_400, 5 * 365L * 86_400)); // appeal, retention
        }

        if (kind < 10)
        {
            return Start + Duration.FromSeconds(random.Next(60, 8 * 3600)); // sign and warning clocks
        }

        int day = random.Next(1, 43);
        var date = Start + Duration.FromDays(day);
        return kind < 35
            ? date + Duration.FromMinutes(510) // 17:30 Beijing: end of that working day
            : date + Duration.FromSeconds(random.Next(0, 8 * 3600 + 1800)); // within working hours
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new PerTimerColumn(PerTimerColumn.Kind.NanosPerTimer), new PerTimerColumn(PerTimerColumn.Kind.MillionPerSecond), new PerTimerColumn(PerTimerColumn.Kind.BytesPerTimer));
            AddFilter(new SimpleFilter(c =>
                c.Descriptor.WorkloadMethod.Name != nameof(ThreadingTimer_ScheduleCancel)
                || (int)c.Parameters["N"] <= 1_000_000));
        }
    }

    // Divides a row's Mean or Allocated by its N.
    private sealed class PerTimerColumn(PerTimerColumn.Kind kind) : IColumn
    {
        public enum Kind
        {
            NanosPerTimer,
            MillionPerSecond,
            BytesPerTimer,
        }

        public string Id => nameof(PerTimerColumn) + kind;

        public string ColumnName => kind switch
        {
            Kind.NanosPerTimer => "ns/timer",
            Kind.MillionPerSecond => "Mtimers/s",
            _ => "B/timer",
        };

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => (int)kind;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => kind switch
        {
            Kind.NanosPerTimer => "Mean / N: time per timer",
            Kind.MillionPerSecond => "N / Mean: million timers handled per second",
            _ => "Allocated / N: bytes allocated per timer",
        };

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats || benchmarkCase.Parameters["N"] is not int n)
            {
                return "-";
            }

            return kind switch
            {
                Kind.NanosPerTimer => (stats.Mean / n).ToString("F1", CultureInfo.InvariantCulture),
                Kind.MillionPerSecond => (n / stats.Mean * 1_000).ToString("F1", CultureInfo.InvariantCulture),
                _ => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is long bytes
                    ? (bytes / (double)n).ToString("F1", CultureInfo.InvariantCulture)
                    : "-",
            };
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

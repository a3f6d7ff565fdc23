using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hotline.Engine.Catalog;
using Hotline.Engine.Engine;
using Hotline.Engine.Profiles;
using Hotline.Engine.Protocol;
using Hotline.Host.Workload;
using NodaTime;

namespace Hotline.Host.Commands;

/// <summary>
/// <c>hotline bench peak</c>: the peak-hour load test ops run. It generates a realistic peak hour —
/// a busy city's morning hour (Beijing: ~59,000 requests a day, ~9 % in the peak hour) times
/// <c>--scale</c> — with each request's full lifecycle, and replays it through the engine as fast as
/// possible (throughput) or at a fixed rate (acknowledgement latency), in memory or durable.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scale = new Option<double>("--scale") { Description = "1 = one large city's peak hour (~5,300 requests); 150 ≈ a national peak.", DefaultValueFactory = _ => 1.0 };
        var rate = new Option<int?>("--rate") { Description = "Commands per second to submit at, measuring acknowledgement latency; omit for as fast as possible." };
        var data = new Option<string?>("--data") { Description = "Durable mode: a data directory (use a fresh one); omit for in memory." };
        var seconds = new Option<int>("--seconds") { Description = "With --rate: stop after this many seconds.", DefaultValueFactory = _ => 60 };
        var output = new Option<string?>("--out") { Description = "Write the result as JSON to this file." };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated traffic.", DefaultValueFactory = _ => 2023 };
        var peak = new Command("peak", """
            Replays a generated peak hour through the engine and reports commands/s, latency and memory.
            Example: hotline bench peak --scale 10
                     hotline bench peak --rate 2000 --data /tmp/hl-bench --out result.json
            """)
        {
            scale, rate, data, seconds, output, seed,
        };
        peak.SetAction((parse, _) => RunAsync(
            parse.GetValue(scale), parse.GetValue(rate), parse.GetValue(data), parse.GetValue(seconds), parse.GetValue(output), parse.GetValue(seed), stdout, stderr));
        var command = new Command("bench", "Load benchmarks for ops.");
        command.Subcommands.Add(peak);
        return command;
    }

    private static async Task<int> RunAsync(double scale, int? rate, string? data, int seconds, string? output, int seed, TextWriter stdout, TextWriter stderr)
    {
        if (scale is <= 0 or > 10_000 || rate is <= 0 || seconds <= 0)
        {
            stderr.WriteLine("hotline: --scale must be in (0, 10000], --rate and --seconds positive");
            return HotlineCli.BadInput;
        }

        if (data is not null && Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            stderr.WriteLine($"hotline: --data {data}: use a new or empty directory for a benchmark");
            return HotlineCli.BadInput;
        }

        var profile = PolicyProfile.Resolve("changsha-2020");
        var zone = profile.ZoneOr(null);
        int requests = (int)Math.Max(1, Math.Round(HotlineTraffic.CityRequestsPerDay * 0.09 * scale));
        if (rate is { } r)
        {
            // At a fixed rate only rate × seconds commands are sent (about 5 per request): generate no more.
            requests = (int)Math.Min(requests, Math.Ceiling(r * (double)seconds / 4.5) + 100);
        }

        var hourStart = new LocalDate(2026, 3, 2).At(new LocalTime(9, 0)).InZoneLeniently(zone).ToInstant();
        stderr.WriteLine($"hotline: generating a peak hour of {requests:N0} requests (scale {scale.ToString(CultureInfo.InvariantCulture)}) and their lifecycles...");
        var commands = new HotlineTraffic(SampleCatalogs.Changsha, zone, seed).Generate(hourStart, hourStart + Duration.FromHours(1), requests, "B");

        await using var engine = HotlineEngine.Start(new EngineOptions
        {
            Profile = profile,
            Catalog = SampleCatalogs.Changsha,
            DataDirectory = data,
            Diagnostics = m => stderr.WriteLine($"hotline: {m}"),
        });

        var progress = new ProgressBar(stderr, commands.Count);
        var watch = Stopwatch.StartNew();
        long events = 0;
        int submitted;
        double[] latencies;
        if (rate is { } perSecond)
        {
            (submitted, events, latencies) = await PacedAsync(engine, commands, perSecond, TimeSpan.FromSeconds(seconds), progress).ConfigureAwait(false);
        }
        else
        {
            (submitted, events) = await FloodAsync(engine, commands, progress).ConfigureAwait(false);
            latencies = [];
        }

        var elapsed = watch.Elapsed;
        progress.Done();
        var (_, tickets, timers) = await engine.GetClockAsync().ConfigureAwait(false);
        using var process = Process.GetCurrentProcess();
        var result = new BenchResult(
            Mode: rate is null ? "throughput" : $"fixed rate {rate}/s",
            Durable: data is not null,
            Scale: scale,
            Requests: requests,
            Commands: submitted,
            Events: events,
            Seconds: Math.Round(elapsed.TotalSeconds, 3),
            CommandsPerSecond: Math.Round(submitted / elapsed.TotalSeconds),
            LatencyP50Ms: Percentile(latencies, 0.50),
            LatencyP99Ms: Percentile(latencies, 0.99),
            LatencyP999Ms: Percentile(latencies, 0.999),
            PeakWorkingSetMb: Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            OpenTickets: tickets,
            ArmedTimers: timers);

        stdout.WriteLine();
        stdout.WriteLine($"  mode                {result.Mode}{(result.Durable ? ", durable" : ", in memory")}");
        stdout.WriteLine($"  commands            {result.Commands:N0} ({result.Events:N0} events) in {result.Seconds:F2} s");
        stdout.WriteLine($"  commands/s          {result.CommandsPerSecond:N0}");
        if (latencies.Length > 0)
        {
            stdout.WriteLine($"  latency p50/p99/p999  {result.LatencyP50Ms:F2} / {result.LatencyP99Ms:F2} / {result.LatencyP999Ms:F2} ms");
        }

        stdout.WriteLine($"  peak memory         {result.PeakWorkingSetMb:N1} MB");
        stdout.WriteLine($"  tickets held        {result.OpenTickets:N0}");
        stdout.WriteLine($"  armed timers        {result.ArmedTimers:N0}");
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, BenchResultJson.Default.BenchResult)).ConfigureAwait(false);
            stdout.WriteLine($"  result              {Path.GetFullPath(output)}");
        }

        return HotlineCli.Ok;
    }

    private static async Task<(int Submitted, long Events)> FloodAsync(HotlineEngine engine, List<EngineCommand> commands, ProgressBar progress)
    {
        const int Window = 4096;
        var pending = new ValueTask<IReadOnlyList<EngineEvent>>[Window];
        long events = 0;
        for (int i = 0; i < commands.Count; i += Window)
        {
            int n = Math.Min(Window, commands.Count - i);
            for (int k = 0; k < n; k++)
            {
                pending[k] = engine.SubmitAsync(commands[i + k]);
            }

            for (int k = 0; k < n; k++)
            {
                events += (await pending[k].ConfigureAwait(false)).Count;
            }

            progress.Report(i + n);
        }

        return (commands.Count, events);
    }

    /// <summary>
    /// Submits at a steady rate: every millisecond, the commands due by then (no bursts to catch up
    /// beyond that). A command's latency is from its submission to its acknowledgement — committed,
    /// in durable mode. The pacer sleeps between ticks, so it leaves the cores to the engine.
    /// </summary>
    private static async Task<(int Submitted, long Events, double[] LatenciesMs)> PacedAsync(
        HotlineEngine engine, List<EngineCommand> commands, int perSecond, TimeSpan limit, ProgressBar progress)
    {
        var latencies = new List<double>(Math.Min(commands.Count, (int)(perSecond * limit.TotalSeconds) + 1));
        var inflight = new List<Task>();
        long events = 0;
        var watch = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        int i = 0;
        while (i < commands.Count && watch.Elapsed < limit)
        {
            await tick.WaitForNextTickAsync().ConfigureAwait(false);
            long due = Math.Min(commands.Count, (long)(watch.Elapsed.TotalSeconds * perSecond));
            for (; i < due; i++)
            {
                inflight.Add(Acknowledged(engine.SubmitAsync(commands[i]), Stopwatch.GetTimestamp()));
            }

            if (inflight.Count >= 4096)
            {
                inflight.RemoveAll(t => t.IsCompleted);
                progress.Report(i);
            }
        }

        await Task.WhenAll(inflight).ConfigureAwait(false);
        return (i, events, [.. latencies]);

        async Task Acknowledged(ValueTask<IReadOnlyList<EngineEvent>> task, long start)
        {
            var result = await task.ConfigureAwait(false);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(ms);
                events += result.Count;
            }
        }
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 3);
    }
}

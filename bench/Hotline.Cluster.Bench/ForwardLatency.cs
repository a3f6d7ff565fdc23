using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Hotline.Cluster.Bench;

/// <summary>
/// Latency of one receive, one at a time: dispatched in its own partition, and forwarded from
/// 430100 to the partition that owns the region (430200): two grain calls and two durable commits.
/// Prints p50/p90/p99 and writes a markdown table.
/// </summary>
internal static class ForwardLatency
{
    public static async Task<int> RunAsync(int count, string output)
    {
        await using var cluster = await BenchCluster.StartAsync().ConfigureAwait(false);
        var source = cluster.Grains.GetGrain<IPartitionGrain>("430100");
        await source.Describe().ConfigureAwait(false);
        await cluster.Grains.GetGrain<IPartitionGrain>("430200").Describe().ConfigureAwait(false);

        async Task<double[]> Measure(string prefix, string region)
        {
            for (int i = 0; i < 100; i++)
            {
                await source.Submit(BenchCluster.Receive($"{prefix}-warm{i}", region)).ConfigureAwait(false);
            }

            var ms = new double[count];
            for (int i = 0; i < count; i++)
            {
                long start = Stopwatch.GetTimestamp();
                var reply = await source.Submit(BenchCluster.Receive($"{prefix}{i}", region)).ConfigureAwait(false);
                ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (region.StartsWith("4302", StringComparison.Ordinal) && reply.ForwardEvents.Length == 0)
                {
                    throw new InvalidOperationException("the receive was not forwarded");
                }
            }

            Array.Sort(ms);
            return ms;
        }

        var local = await Measure("L", "430102").ConfigureAwait(false);
        var forwarded = await Measure("F", "430202").ConfigureAwait(false);
        static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Receive latency through a partition grain, one at a time, {count} each, one localhost silo, durable journals ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}).")
            .AppendLine()
            .AppendLine("| path | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |")
            .AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ms) in new[] { ("dispatched in its partition (1 grain call, 1 commit)", local), ("forwarded to the owning partition (2 grain calls, 2 commits)", forwarded) })
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {P(ms, 0.50):F3} | {P(ms, 0.90):F3} | {P(ms, 0.99):F3} | {ms[^1]:F3} |");
        }

        Console.Write(table);
        if (output.Length > 0)
        {
            await File.WriteAllTextAsync(output, table.ToString()).ConfigureAwait(false);
        }

        return 0;
    }
}

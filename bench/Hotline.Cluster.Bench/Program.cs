using System.Globalization;
using BenchmarkDotNet.Running;
using Hotline.Cluster.Bench;

// Throughput: dotnet run -c Release --project bench/Hotline.Cluster.Bench -- --filter '*' [--job short]
// Latency:    dotnet run -c Release --project bench/Hotline.Cluster.Bench -- latency [COUNT] [OUTPUT.md]
if (args.Length > 0 && args[0] == "latency")
{
    int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
    return await ForwardLatency.RunAsync(count, args.Length > 2 ? args[2] : string.Empty);
}

BenchmarkSwitcher.FromAssembly(typeof(SubmitBenchmarks).Assembly).Run(args);
return 0;

using System.Text.Json.Serialization;

namespace Hotline.Host.Workload;

/// <summary>The result of <c>hotline bench peak</c>, as written to its JSON file.</summary>
internal sealed record BenchResult(
    string Mode,
    bool Durable,
    double Scale,
    int Requests,
    int Commands,
    long Events,
    double Seconds,
    double CommandsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyP999Ms,
    double PeakWorkingSetMb,
    int OpenTickets,
    int ArmedTimers);

/// <summary>Source-generated JSON for <see cref="BenchResult"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchResult))]
internal sealed partial class BenchResultJson : JsonSerializerContext;

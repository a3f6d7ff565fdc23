using BenchmarkDotNet.Attributes;
using Hotline.Engine.Catalog;
using Hotline.Engine.Routing;

namespace Hotline.Bench;

/// <summary>
/// Compiling the national-size synthetic catalog (200,000 entries) into the routing table, against
/// building the baseline's dictionaries. Allocated is what a compile allocates in all; the table's
/// retained size is printed at setup ("retained by the compiled table").
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class RoutingCompileBenchmarks
{
    private DispatchCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = SyntheticCatalog.Generate(42);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var compiled = CompiledCatalog.Compile(_catalog);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(
            $"// retained by the compiled table: {(after - before) / 1024.0 / 1024.0:F1} MB for {compiled.Source.Entries.Length} entries, {compiled.RegionCount} regions, {compiled.CategoryCount} categories");
        GC.KeepAlive(compiled);
    }

    [Benchmark(Baseline = true)]
    public object BuildReferenceDictionaries() => new ReferenceRouter(_catalog);

    [Benchmark]
    public CompiledCatalog Compile() => CompiledCatalog.Compile(_catalog);
}

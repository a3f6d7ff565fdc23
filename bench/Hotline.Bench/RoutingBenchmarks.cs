using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Hotline.Engine.Catalog;
using Hotline.Engine.Routing;

namespace Hotline.Bench;

/// <summary>
/// Routing on the national-size synthetic catalog (3,000 categories, 40,000 regions, 200,000 entries):
/// the compiled table against a plain resolver that walks the region tree and the category prefixes
/// with dictionaries (the baseline), once from interned ids and once end to end from strings.
/// Mean is per route (OperationsPerInvoke); the Ratio column compares with the baseline of the same
/// category in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RoutingBenchmarks
{
    private const int Queries = 4096;

    private CompiledCatalog _compiled = null!;
    private ReferenceRouter _reference = null!;
    private IdReferenceRouter _idReference = null!;
    private string[] _categoryTexts = null!;
    private string[] _regionTexts = null!;
    private int[] _categoryIds = null!;
    private int[] _regionIds = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SyntheticCatalog.Generate(42);
        _compiled = CompiledCatalog.Compile(catalog);
        _reference = new ReferenceRouter(catalog);
        _idReference = new IdReferenceRouter(_compiled);

        // The ticket mix: mostly categories the catalog names (at any depth), some finer than it knows,
        // a few it does not know at all; regions uniform over the tree (so mostly towns), and for the
        // string benchmarks one in a hundred outside the jurisdiction.
        var rng = new Random(7);
        _categoryTexts = new string[Queries];
        _regionTexts = new string[Queries];
        _categoryIds = new int[Queries];
        _regionIds = new int[Queries];
        for (int i = 0; i < Queries; i++)
        {
            var category = catalog.Entries[rng.Next(catalog.Entries.Length)].Category;
            int roll = rng.Next(100);
            _categoryTexts[i] = roll < 90 ? category : roll < 95 ? category + ".detail" : $"unknown{roll}.x";
            int region = rng.Next(_compiled.RegionCount);
            _regionIds[i] = region;
            _categoryIds[i] = _compiled.ResolveCategory(_categoryTexts[i]);
            _regionTexts[i] = rng.Next(100) == 0 ? "990000" : _compiled.RegionCode(region);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
    [BenchmarkCategory("FromIds")]
    public int Reference_FromIds()
    {
        int sum = 0;
        for (int i = 0; i < Queries; i++)
        {
            sum += _idReference.Route(_categoryIds[i], _regionIds[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    [BenchmarkCategory("FromIds")]
    public int Compiled_FromIds()
    {
        int sum = 0;
        var compiled = _compiled;
        for (int i = 0; i < Queries; i++)
        {
            sum += compiled.Route(_categoryIds[i], _regionIds[i]).EntryIndex;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
    [BenchmarkCategory("FromStrings")]
    public int Reference_FromStrings()
    {
        int sum = 0;
        for (int i = 0; i < Queries; i++)
        {
            sum += _reference.Route(_categoryTexts[i], _regionTexts[i]);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    [BenchmarkCategory("FromStrings")]
    public int Compiled_FromStrings()
    {
        int sum = 0;
        var compiled = _compiled;
        for (int i = 0; i < Queries; i++)
        {
            sum += compiled.Route(_categoryTexts[i], _regionTexts[i]).EntryIndex;
        }

        return sum;
    }

    /// <summary>The rule of spec §5 over interned ids, walked with one dictionary probe per step.</summary>
    private sealed class IdReferenceRouter
    {
        private readonly Dictionary<long, int> _entries = [];
        private readonly int[] _regionParent;
        private readonly int[] _categoryParent;

        public IdReferenceRouter(CompiledCatalog compiled)
        {
            var entries = compiled.Source.Entries;
            for (int e = 0; e < entries.Length; e++)
            {
                compiled.TryGetCategory(entries[e].Category, out int c);
                compiled.TryGetRegion(entries[e].Region, out int r);
                _entries.Add(((long)c << 32) | (uint)r, e);
            }

            _regionParent = [.. Enumerable.Range(0, compiled.RegionCount).Select(compiled.RegionParent)];
            _categoryParent = [.. Enumerable.Range(0, compiled.CategoryCount).Select(compiled.CategoryParent)];
        }

        public int Route(int category, int region)
        {
            for (int c = category; c >= 0; c = _categoryParent[c])
            {
                for (int r = region; r >= 0; r = _regionParent[r])
                {
                    if (_entries.TryGetValue(((long)c << 32) | (uint)r, out int entry))
                    {
                        return entry;
                    }
                }
            }

            return -1;
        }
    }
}

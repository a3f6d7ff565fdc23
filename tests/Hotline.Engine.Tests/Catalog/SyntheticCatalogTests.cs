using System.Diagnostics;
using Hotline.Engine.Catalog;
using Hotline.Engine.Routing;

namespace Hotline.Engine.Tests.Catalog;

public class SyntheticCatalogTests
{
    [Fact]
    public void Generate_SameSeed_SameCatalog()
    {
        var a = SyntheticCatalog.Generate(7, categories: 60, regions: 500, entries: 2_000);
        var b = SyntheticCatalog.Generate(7, categories: 60, regions: 500, entries: 2_000);
        Assert.Equal(DispatchCatalogTests.Json(a), DispatchCatalogTests.Json(b));
        Assert.Equal(2_000, a.Entries.Length);
        Assert.Equal(500, a.Regions.Length);
    }

    [Fact]
    public void Compile_NationalSize_IsFastAndAgreesWithReferenceOnASample()
    {
        var catalog = SyntheticCatalog.Generate(42);
        Assert.Equal(SyntheticCatalog.NationalEntries, catalog.Entries.Length);
        Assert.Equal(SyntheticCatalog.NationalRegions, catalog.Regions.Length);

        var watch = Stopwatch.StartNew();
        var compiled = CompiledCatalog.Compile(catalog);
        watch.Stop();

        // Generous bound for a loaded 2-core CI box running Debug; the benchmark measures the real time.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"compile took {watch.Elapsed}");
        Assert.Equal(5, compiled.RegionDepth);
        Assert.InRange(compiled.CategoryCount, 2_900, 3_100);

        var reference = new ReferenceRouter(catalog);
        var rng = new Random(1);
        for (int i = 0; i < 5_000; i++)
        {
            var region = catalog.Regions[rng.Next(catalog.Regions.Length)].Code;
            var category = catalog.Entries[rng.Next(catalog.Entries.Length)].Category + (i % 3 == 0 ? ".extra" : "");
            var route = compiled.Route(category, region);
            int expected = reference.Route(category, region);
            Assert.Equal(expected, route.ByDefault ? -1 : route.EntryIndex);
        }
    }
}

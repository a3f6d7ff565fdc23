using Hotline.Engine.Catalog;
using Hotline.Engine.Routing;

namespace Hotline.Engine.Tests.Routing;

public class CatalogRegistryTests
{
    // Version n routes every category to unit "n" with co-handler "n-co", at every region.
    private static CompiledCatalog Version(int n)
    {
        var regions = new[] { new Region("1", "root", null), new Region("2", "child", "1") };
        var units = new[] { new HandlingUnit($"{n}", ""), new HandlingUnit($"{n}-co", ""), new HandlingUnit("hotline", "") };
        var entries = new[] { new CatalogEntry("a", "", null, "1", $"{n}", [$"{n}-co"], null, null) };
        return CompiledCatalog.Compile(DispatchCatalog.Create($"{n}", regions, units, entries, "hotline"));
    }

    [Fact]
    public async Task Publish_UnderConcurrentReaders_NeverShowsAMixOfVersions()
    {
        var versions = Enumerable.Range(0, 8).Select(Version).ToArray();
        var registry = new CatalogRegistry(versions[0]);
        using var stop = new CancellationTokenSource();
        long reads = 0;
        int mixed = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested || Interlocked.Read(ref reads) < 10_000)
            {
                var catalog = registry.Current;
                var route = catalog.Route("a.b", "2");
                var version = route.CatalogVersion;
                if (route.LeadUnitId != version || catalog.UnitId(route.CoHandlers[0]) != $"{version}-co"
                    || !ReferenceEquals(route.Catalog, catalog))
                {
                    Interlocked.Increment(ref mixed);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        for (int i = 0; i < 20_000; i++)
        {
            registry.Publish(versions[i % versions.Length]);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, mixed);
        Assert.True(reads >= 10_000);
    }

    [Fact]
    public void Route_KeepsTheVersionItWasRoutedBy()
    {
        var registry = new CatalogRegistry(Version(1));
        var early = registry.Current.Route("a", "2");
        var previous = registry.Publish(Version(2));
        var late = registry.Current.Route("a", "2");
        Assert.Equal("1", previous.Version);
        Assert.Equal("1", early.CatalogVersion);
        Assert.Equal("1", early.LeadUnitId);
        Assert.Equal("2", late.CatalogVersion);
        Assert.Equal("2", late.LeadUnitId);
    }

    [Fact]
    public void TryPublish_OnlyWhenExpectedIsCurrent()
    {
        var v1 = Version(1);
        var registry = new CatalogRegistry(v1);
        var v2 = Version(2);
        Assert.True(registry.TryPublish(v1, v2));
        Assert.False(registry.TryPublish(v1, Version(3)));
        Assert.Same(v2, registry.Current);
    }
}

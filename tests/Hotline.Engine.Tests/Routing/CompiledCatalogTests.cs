using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Routing;

namespace Hotline.Engine.Tests.Routing;

public class CompiledCatalogTests
{
    private static readonly CompiledCatalog Changsha = CompiledCatalog.Compile(SampleCatalogs.Changsha);

    [Fact]
    public void Route_StreetWithoutEntry_TakesTheDistrictEntry()
    {
        // 430102001 Wenyi Road Street has no construction-noise entry; Furong District has one.
        var route = Changsha.Route("noise.construction", "430102001");
        Assert.Equal("furong-urban-mgmt", route.LeadUnitId);
        Assert.Equal(["furong-housing", "furong-ecology"], route.CoHandlers.ToArray().Select(Changsha.UnitId));
        Assert.Equal(WorkingDuration.WorkingDays(5), route.Limit);
        Assert.False(route.ByDefault);
        Assert.Equal("changsha-2026-03", route.CatalogVersion);
        Assert.Equal("430102", route.Entry!.Region);
    }

    [Fact]
    public void Route_StreetEntry_GivesStreetOfficeAndSubOffice()
    {
        var route = Changsha.Route("urban.street-vendors", "430104003");
        Assert.Equal("yuelu-meixihu", route.LeadUnitId);
        Assert.Equal("Comprehensive Law Enforcement Team (综合执法队)", route.SubOffice);
        Assert.Equal(WorkingDuration.WorkingDays(2), route.Limit);
    }

    [Fact]
    public void Route_LocalityFirst_PrefersAParentCategoryHereOverTheChildCategoryAtTheCity()
    {
        // Spec §5 walks regions before categories, so the city's noise.construction.night entry wins
        // over Furong's noise.construction entry: the category match is tried at every level first.
        var route = Changsha.Route("noise.construction.night", "430102001");
        Assert.Equal("city-urban-mgmt", route.LeadUnitId);
        Assert.Equal("430100", route.Entry!.Region);
    }

    [Fact]
    public void Route_UnknownSubcategory_WalksItsDottedPrefixes()
    {
        var route = Changsha.Route("noise.construction.blasting.quarry", "430103002");
        Assert.Equal("tianxin-urban-mgmt", route.LeadUnitId);
        Assert.Equal("noise.construction", route.Entry!.Category);
    }

    [Fact]
    public void Route_CategoryWithoutEntries_FallsBackToItsParent()
    {
        // "civil-affairs" itself has no entry, but is a prefix; an unknown sibling ends at default.
        Assert.True(Changsha.Route("civil-affairs.orphans", "430105001").ByDefault);
        Assert.Equal("city-civil-affairs", Changsha.Route("civil-affairs.elderly-care.home", "430105002").LeadUnitId);
    }

    [Fact]
    public void Route_NoEntryAnywhere_GoesToDefaultUnit()
    {
        var route = Changsha.Route("lottery", "430111002");
        Assert.True(route.ByDefault);
        Assert.Equal("city-hotline", route.LeadUnitId);
        Assert.Equal(0, route.CoHandlers.Length);
        Assert.Null(route.Limit);
        Assert.Null(route.Entry);
        Assert.Equal(-1, route.EntryIndex);
    }

    [Fact]
    public void Route_RegionOutsideTree_IsOutOfJurisdiction()
    {
        var route = Changsha.Route("noise.construction", "430200");
        Assert.True(route.OutOfJurisdiction);
        Assert.False(route.ByDefault);
        Assert.Null(route.LeadUnitId);
        Assert.Equal(-1, route.LeadUnit);
    }

    [Fact]
    public void Route_FromInternedIds_EqualsRouteFromStrings()
    {
        Assert.True(Changsha.TryGetRegion("430121004", out int region));
        int category = Changsha.ResolveCategory("wage.arrears.construction");
        Assert.Equal(Changsha.Route("wage.arrears.construction", "430121004"), Changsha.Route(category, region));
        Assert.Equal(CompiledCatalog.UnknownCategory, Changsha.ResolveCategory("lottery.scratch"));
        Assert.True(Changsha.Route(CompiledCatalog.UnknownCategory, region).ByDefault);
    }

    [Fact]
    public void Route_BadIds_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Changsha.Route(0, Changsha.RegionCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => Changsha.Route(Changsha.CategoryCount, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Changsha.Route(-2, 0));
    }

    [Fact]
    public void Route_HotPath_AllocatesNothing()
    {
        Assert.True(Changsha.TryGetRegion("430104003", out int region));
        int category = Changsha.ResolveCategory("property.management");
        string categoryText = "noise.construction.night.extra";
        string regionText = "430102001";
        int sum = 0;
        for (int i = 0; i < 100; i++)
        {
            sum += Changsha.Route(category, region).LeadUnit + Changsha.Route(categoryText, regionText).LeadUnit;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sum += Changsha.Route(category, region).LeadUnit;
            sum += Changsha.Route(categoryText.AsSpan(), regionText.AsSpan()).CoHandlers.Length;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public void Units_KnownAndUnknown()
    {
        Assert.True(Changsha.IsKnownUnit("city-housing"));
        Assert.False(Changsha.IsKnownUnit("city-nowhere"));
        Assert.True(Changsha.TryGetUnit("furong-gov", out int unit));
        Assert.Equal("furong-gov", Changsha.UnitId(unit));
        Assert.Equal("city-hotline", Changsha.UnitId(Changsha.DefaultUnit));
    }

    [Fact]
    public void Compile_Sample_InternsRegionsDepthFirstAndCategoriesWithPrefixes()
    {
        Assert.Equal(SampleCatalogs.Changsha.Regions.Length, Changsha.RegionCount);
        Assert.Equal(3, Changsha.RegionDepth);
        Assert.Equal("430100", Changsha.RegionCode(0));
        Assert.Equal(-1, Changsha.RegionParent(0));
        for (int r = 1; r < Changsha.RegionCount; r++)
        {
            Assert.True(Changsha.RegionParent(r) < r);
        }

        Assert.True(Changsha.TryGetCategory("civil-affairs", out int prefix));
        Assert.True(Changsha.TryGetCategory("civil-affairs.elderly-care", out int child));
        Assert.Equal(prefix, Changsha.CategoryParent(child));
        Assert.Equal("civil-affairs", Changsha.CategoryName(prefix));
    }

    [Fact]
    public void Route_EmptyRoute_Throws()
    {
        var empty = default(Route);
        Assert.True(empty.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => empty.ByDefault);
        Assert.Equal("(no route)", empty.ToString());
    }

    [Fact]
    public void Route_ToString_NamesUnitsAndVersion()
    {
        Assert.Equal(
            "furong-urban-mgmt (co: furong-housing, furong-ecology) by changsha-2026-03",
            Changsha.Route("noise.construction", "430102").ToString());
        Assert.Equal("city-hotline by default by changsha-2026-03", Changsha.Route("x", "430102").ToString());
    }
}

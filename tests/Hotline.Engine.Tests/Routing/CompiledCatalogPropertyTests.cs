using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Routing;

namespace Hotline.Engine.Tests.Routing;

public class CompiledCatalogPropertyTests
{
    private static readonly Arbitrary<(int Seed, int Regions, int Density)> Catalogs =
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from regions in Gen.Choose(1, 40)
         from density in Gen.Elements(0, 3, 10, 30, 70, 100)
         select (seed, regions, density)).ToArbitrary();

    // How much of an ancestor's table a category may copy: never (-1), sometimes, always (the default).
    private static readonly Arbitrary<(int Factor, int Slack)> Budgets =
        (from factor in Gen.Choose(0, 2)
         from slack in Gen.Elements(-1, 0, 1, 3, 6, 64)
         select (factor, slack)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Route_FromStrings_AgreesWithReferenceResolver() =>
        Prop.ForAll(Catalogs, Budgets, (spec, budget) =>
        {
            var catalog = RandomCatalogs.Build(spec.Seed, spec.Regions, spec.Density);
            var compiled = CompiledCatalog.Compile(catalog, budget.Factor, budget.Slack);
            var reference = new ReferenceRouter(catalog);
            var regions = catalog.Regions.Select(r => r.Code).Append("elsewhere");
            foreach (var category in RandomCatalogs.QueryCategories())
            {
                foreach (var region in regions)
                {
                    var route = compiled.Route(category, region);
                    if (Index(route) != reference.Route(category, region))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 150)]
    public Property Route_FromIds_AgreesWithRouteFromStrings() =>
        Prop.ForAll(Catalogs, spec =>
        {
            var catalog = RandomCatalogs.Build(spec.Seed, spec.Regions, spec.Density);
            var compiled = CompiledCatalog.Compile(catalog);
            for (int r = 0; r < compiled.RegionCount; r++)
            {
                var code = compiled.RegionCode(r);
                if (!compiled.TryGetRegion(code, out int id) || id != r)
                {
                    return false;
                }

                foreach (var category in RandomCatalogs.QueryCategories())
                {
                    var byIds = compiled.Route(compiled.ResolveCategory(category), r);
                    if (byIds != compiled.Route(category, code))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 100)]
    public Property Route_ReportsTheMatchedEntrysUnitsAndLimit() =>
        Prop.ForAll(Catalogs, spec =>
        {
            var catalog = RandomCatalogs.Build(spec.Seed, spec.Regions, spec.Density);
            var compiled = CompiledCatalog.Compile(catalog);
            foreach (var category in RandomCatalogs.AllCategories())
            {
                foreach (var region in catalog.Regions)
                {
                    var route = compiled.Route(category, region.Code);
                    if (route.Entry is { } e)
                    {
                        var co = route.CoHandlers.ToArray().Select(compiled.UnitId);
                        if (route.LeadUnitId != e.Unit || !co.SequenceEqual(e.CoHandlers)
                            || route.SubOffice != e.SubOffice || route.Limit != e.Limit || route.ByDefault)
                        {
                            return false;
                        }
                    }
                    else if (!route.ByDefault || route.LeadUnitId != catalog.DefaultUnit
                        || route.CoHandlers.Length != 0 || route.Limit is not null || route.SubOffice is not null)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    private static int Index(Route route) =>
        route.OutOfJurisdiction ? -2 : route.ByDefault ? -1 : route.EntryIndex;
}

using System.Text;
using Hotline.Engine.Catalog;

namespace Hotline.Engine.Tests.Catalog;

public class CatalogValidationTests
{
    private const string Regions = """
        [{"code": "430100", "name": "Changsha", "parent": null},
         {"code": "430102", "name": "Furong", "parent": "430100"}]
        """;

    private const string Units = """[{"id": "city-hotline"}, {"id": "furong-gov"}, {"id": "city-housing"}]""";

    private static CatalogException JsonProblem(string entries, string regions = Regions, string units = Units, string @default = """{"unit": "city-hotline"}""")
    {
        var json = $$"""{"version": "v1", "regions": {{regions}}, "units": {{units}}, "entries": {{entries}}, "default": {{@default}}}""";
        return Assert.Throws<CatalogException>(() => DispatchCatalog.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void Validate_UnknownUnit_NamesEntryAndUnit()
    {
        var ex = JsonProblem("""[{"category": "noise", "region": "430102", "unit": "furong-govt"}]""");
        Assert.Equal("entries[0] (noise @ 430102): unit 'furong-govt' is not in units", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_UnknownCoHandler_NamesEntryAndUnit()
    {
        var ex = JsonProblem("""[{"category": "noise", "region": "430102", "unit": "furong-gov", "co": ["city-housing", "city-police"]}]""");
        Assert.Equal("entries[0] (noise @ 430102): co-handler 'city-police' is not in units", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_UnknownParentRegion_NamesRegion()
    {
        var ex = JsonProblem("[]", regions: """[{"code": "430100", "parent": null}, {"code": "430102", "parent": "430000"}]""");
        Assert.Equal("regions[1] (430102): parent region '430000' is not in regions", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_CyclicParents_NamesTheCycle()
    {
        var ex = JsonProblem("[]", regions: """
            [{"code": "1", "parent": null}, {"code": "2", "parent": "4"}, {"code": "3", "parent": "2"}, {"code": "4", "parent": "3"},
             {"code": "5", "parent": "5"}]
            """);
        Assert.Equal(2, ex.Problems.Count);
        Assert.Equal("regions[1] (2): the parent chain is cyclic: 2 → 4 → 3 → 2", ex.Problems[0]);
        Assert.Equal("regions[4] (5): the parent chain is cyclic: 5 → 5", ex.Problems[1]);
    }

    [Fact]
    public void Validate_UnknownEntryRegion_NamesEntry()
    {
        var ex = JsonProblem("""[{"category": "noise", "region": "430103", "unit": "furong-gov"}]""");
        Assert.Equal("entries[0] (noise @ 430103): region '430103' is not in regions", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_TwoEntriesForSameCategoryAndRegion_NamesBoth()
    {
        var ex = JsonProblem("""
            [{"category": "noise", "region": "430102", "unit": "furong-gov"},
             {"category": "water", "region": "430102", "unit": "furong-gov"},
             {"category": "noise", "region": "430102", "unit": "city-housing"}]
            """);
        Assert.Equal(
            "entries[2] (noise @ 430102): a second entry for category 'noise' and region '430102', first at entries[0]",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_BadDuration_NamesEntryAndValue()
    {
        var ex = JsonProblem("""[{"category": "noise", "region": "430102", "unit": "furong-gov", "limit": "5 days"}]""");
        Assert.Equal(
            "entries[0] (noise @ 430102): limit '5 days' is not a duration (expected a whole number and wd, wh, h or d, e.g. 5wd)",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_MissingDefault_SaysWhatItIsFor()
    {
        var ex = JsonProblem("[]", @default: "null");
        Assert.StartsWith("default.unit: the default unit is missing", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownDefault_NamesIt()
    {
        var ex = JsonProblem("[]", @default: """{"unit": "hotline"}""");
        Assert.Equal("default.unit: default unit 'hotline' is not in units", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_ManyProblems_AllInOneErrorNamingTheSource()
    {
        var ex = JsonProblem(
            """
            [{"category": "noise", "region": "430102", "unit": "nobody", "limit": "3x"},
             {"region": "430102", "unit": "furong-gov"},
             {"category": "water", "region": "430102", "unit": "furong-gov", "co": "city-housing"}]
            """,
            units: """[{"id": "city-hotline"}, {"id": "furong-gov"}, {"id": "furong-gov"}]""");
        Assert.Equal(
            [
                "entries[2]: co must be an array of unit ids",
                "units[2] (furong-gov): unit id 'furong-gov' is listed twice, first at units[1]",
                "entries[0] (noise @ 430102): unit 'nobody' is not in units",
                "entries[0] (noise @ 430102): limit '3x' is not a duration (expected a whole number and wd, wh, h or d, e.g. 5wd)",
                "entries[1] (? @ 430102): the category is missing",
            ],
            ex.Problems);
        Assert.StartsWith("catalog: invalid catalog, 5 problems:", ex.Message, StringComparison.Ordinal);
        foreach (var problem in ex.Problems)
        {
            Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_MissingVersion_IsAProblem()
    {
        var json = """{"regions": [], "units": [{"id": "h"}], "entries": [], "default": {"unit": "h"}}""";
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.StartsWith("version: the catalog version is missing", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NotJson_SaysSo()
    {
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.FromJson(new MemoryStream("{\"version\": "u8.ToArray())));
        Assert.StartsWith("not valid JSON", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJson_InvalidFile_NamesTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.json", """{"version": "v", "units": [{"id": "h"}], "default": {"unit": "x"}}""");
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.LoadJson(path));
        Assert.StartsWith($"{path}: invalid catalog, 1 problem:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCsv_Problems_NameFileAndLine()
    {
        using var folder = new TempFolder();
        folder.File("catalog.csv", "version,default\n2026-03,city-hotline\n");
        folder.File("regions.csv", "code,name,parent\n430100,Changsha,\n430102,Furong,430100\n430103,Tianxin,439999\n");
        folder.File("units.csv", "id,name\ncity-hotline,Hotline\nfurong-gov,Furong\n");
        folder.File("entries.csv",
            "category,name,basis,region,unit,co,subOffice,limit\n"
            + "noise,Noise,,430102,furong-gov,,,5wd\n"
            + "\"water\nsupply\",Water,,430102,furong-gov,city-water,,\n"
            + "noise,Noise again,,430102,furong-gov,,,1wd\n"
            + "heat,Heat,,430102,furong-gov,,,soon\n");
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.LoadCsv(folder.Path));
        Assert.Equal(
            [
                "regions.csv line 4 (430103): parent region '439999' is not in regions",
                "entries.csv line 3 (water\nsupply @ 430102): co-handler 'city-water' is not in units",
                "entries.csv line 5 (noise @ 430102): a second entry for category 'noise' and region '430102', first at entries.csv line 2",
                "entries.csv line 6 (heat @ 430102): limit 'soon' is not a duration (expected a whole number and wd, wh, h or d, e.g. 5wd)",
            ],
            ex.Problems);
        Assert.Equal(folder.Path, ex.Location);
    }

    [Fact]
    public void LoadCsv_MissingFilesAndColumns_AreNamed()
    {
        using var folder = new TempFolder();
        folder.File("catalog.csv", "version,default\nv1,h\n");
        folder.File("regions.csv", "code,name\n1,root\n");
        folder.File("units.csv", "id\nh\n");
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.LoadCsv(folder.Path));
        Assert.Contains("regions.csv line 1: the header lacks parent (expected code, name, parent)", ex.Problems);
        Assert.Contains(ex.Problems, p => p.StartsWith("entries.csv: missing", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadCsv_UnclosedQuote_NamesLine()
    {
        using var folder = new TempFolder();
        folder.File("catalog.csv", "version,default\nv1,h\n");
        folder.File("regions.csv", "code,name,parent\n1,root,\n");
        folder.File("units.csv", "id,name\nh,\"Hotline\n");
        folder.File("entries.csv", "category,region,unit\n");
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.LoadCsv(folder.Path));
        Assert.Contains("units.csv line 2: a quoted field is never closed", ex.Problems);
    }

    [Fact]
    public void Create_InvalidParts_Throws()
    {
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.Create(
            "v", [new Region("1", "", null)], [new HandlingUnit("h", "")],
            [new CatalogEntry("a", "", null, "1", "h", ["h"], null, null)], "h"));
        Assert.Equal("entries[0] (a @ 1): co-handler 'h' is named twice (or is the lead unit)", Assert.Single(ex.Problems));
    }
}

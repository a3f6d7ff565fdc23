using System.Text;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;

namespace Hotline.Engine.Tests.Catalog;

public class DispatchCatalogTests
{
    private const string SpecExample = """
        {
          "version": "2026-03",
          "regions": [{"code": "430100", "name": "Changsha", "parent": null},
                      {"code": "430102", "name": "Furong District", "parent": "430100"},
                      {"code": "430102001", "name": "Wenyi Road Street", "parent": "430102"}],
          "units":   [{"id": "city-housing", "name": "Housing Bureau"}, {"id": "furong-gov", "name": "Furong District"},
                      {"id": "city-hotline", "name": "12345 Hotline Office"}],
          "entries": [{"category": "noise.construction", "name": "Construction noise", "basis": "...",
                       "region": "430102", "unit": "furong-gov", "co": ["city-housing"], "subOffice": "...",
                       "limit": "5wd"}],
          "default": {"unit": "city-hotline"}
        }
        """;

    [Fact]
    public void FromJson_SpecExample_LoadsEveryField()
    {
        var catalog = DispatchCatalog.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(SpecExample)));
        Assert.Equal("2026-03", catalog.Version);
        Assert.Equal(3, catalog.Regions.Length);
        Assert.Equal(new Region("430102001", "Wenyi Road Street", "430102"), catalog.Regions[2]);
        Assert.Equal(3, catalog.Units.Length);
        Assert.Equal("city-hotline", catalog.DefaultUnit);
        var entry = Assert.Single(catalog.Entries);
        Assert.Equal("noise.construction", entry.Category);
        Assert.Equal("Construction noise", entry.Name);
        Assert.Equal("...", entry.Basis);
        Assert.Equal("430102", entry.Region);
        Assert.Equal("furong-gov", entry.Unit);
        Assert.Equal(["city-housing"], entry.CoHandlers.ToArray());
        Assert.Equal("...", entry.SubOffice);
        Assert.Equal(WorkingDuration.WorkingDays(5), entry.Limit);
    }

    [Fact]
    public void SampleChangsha_IsRealisticAndValid()
    {
        var catalog = SampleCatalogs.Changsha;
        Assert.Contains(catalog.Regions, r => r.Code == "430104" && r.Parent == "430100");
        Assert.Contains(catalog.Regions, r => r.Code.Length == 9);
        Assert.True(catalog.Entries.Select(e => e.Category).Distinct().Count() >= 50);
        Assert.Contains(catalog.Entries, e => e.SubOffice is not null);
        Assert.Contains(catalog.Entries, e => e.Limit is null);
        Assert.Contains(catalog.Entries, e => e.CoHandlers.Length > 0);
    }

    [Fact]
    public void SampleFile_IsTheEmbeddedCatalogInCanonicalForm()
    {
        // samples/catalog-changsha.json is embedded as is; keep it as WriteJson writes it so that
        // "catalog convert" round trips are byte-equal.
        var file = Path.Combine(RepoRoot(), "samples", "catalog-changsha.json");
        Assert.Equal(Json(SampleCatalogs.Changsha), File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd() );
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var first = Json(SampleCatalogs.Changsha);
        var again = DispatchCatalog.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(first)));
        Assert.Equal(first, Json(again));
    }

    [Fact]
    public void Csv_RoundTripsThroughAFolder()
    {
        using var folder = new TempFolder();
        SampleCatalogs.Changsha.WriteCsv(folder.Path);
        var back = DispatchCatalog.LoadCsv(folder.Path);
        Assert.Equal(Json(SampleCatalogs.Changsha), Json(back));
        Assert.Equal(Json(back), Json(DispatchCatalog.Load(folder.Path)));
    }

    [Fact]
    public void Csv_FieldsWithCommasQuotesAndLineBreaks_RoundTrip()
    {
        var catalog = DispatchCatalog.Create(
            "v1, \"quoted\"",
            [new Region("1", "A, \"B\"\r\nC", null), new Region("2", "", "1")],
            [new HandlingUnit("u,1", "x\ny"), new HandlingUnit("u2", "")],
            [new CatalogEntry("a.b", "n", "Law \"X\", art. 3\nline two", "2", "u,1", ["u2"], "s;o", WorkingDuration.WorkingHours(4))],
            "u2");
        using var folder = new TempFolder();
        catalog.WriteCsv(folder.Path);
        Assert.Equal(Json(catalog), Json(DispatchCatalog.LoadCsv(folder.Path)));
    }

    [Fact]
    public void LoadCsv_SpreadsheetExport_WithBomCrlfExtraColumnsAndAnyColumnOrder()
    {
        using var folder = new TempFolder();
        folder.File("catalog.csv", "\uFEFFdefault,version\r\ncity-hotline,2026-03\r\n");
        folder.File("regions.csv", "\uFEFFname,code,parent\r\nChangsha,430100,\r\nFurong,430102,430100\r\n");
        folder.File("units.csv", "\uFEFFid,name,notes\r\ncity-hotline,Hotline,\r\nfurong-gov,Furong,\"call first, then write\"\r\ncity-housing,Housing,\r\n");
        folder.File("entries.csv", "\uFEFFcategory,region,unit,co,limit,subOffice\r\nnoise.construction,430102,furong-gov,city-housing; city-hotline,5wd,\r\nwater,430100,city-housing,,,\r\n\r\n");
        var catalog = DispatchCatalog.Load(folder.Path);
        Assert.Equal("2026-03", catalog.Version);
        Assert.Equal(2, catalog.Entries.Length);
        Assert.Equal(["city-housing", "city-hotline"], catalog.Entries[0].CoHandlers.ToArray());
        Assert.Null(catalog.Entries[1].Limit);
        Assert.Empty(catalog.Entries[1].CoHandlers);
        Assert.Equal(string.Empty, catalog.Entries[1].Name);
    }

    [Fact]
    public void Load_File_ReadsJson()
    {
        using var folder = new TempFolder();
        var path = folder.File("catalog.json", SpecExample);
        Assert.Equal("2026-03", DispatchCatalog.Load(path).Version);
    }

    [Fact]
    public void Load_MissingPath_NamesIt()
    {
        var ex = Assert.Throws<CatalogException>(() => DispatchCatalog.Load("/no/such/catalog.json"));
        Assert.Contains("/no/such/catalog.json", ex.Message, StringComparison.Ordinal);
        Assert.Equal("/no/such/catalog.json", ex.Location);
    }

    internal static string Json(DispatchCatalog catalog)
    {
        using var stream = new MemoryStream();
        catalog.WriteJson(stream);
        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hotline.Engine.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

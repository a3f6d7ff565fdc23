using Hotline.Engine.Catalog;
using Hotline.Host;

namespace Hotline.Host.Tests;

public sealed class CatalogCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hotline-host-" + Guid.NewGuid().ToString("N"));

    public CatalogCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = HotlineCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string SampleJson()
    {
        var path = Path.Combine(_dir, "changsha.json");
        using var stream = File.Create(path);
        SampleCatalogs.Changsha.WriteJson(stream);
        return path;
    }

    [Fact]
    public void Check_ValidJson_PrintsSummary()
    {
        var (exit, stdout, stderr) = Run("catalog", "check", SampleJson());
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("valid catalog", stdout, StringComparison.Ordinal);
        Assert.Contains("version     changsha-2026-03", stdout, StringComparison.Ordinal);
        Assert.Contains($"entries     {SampleCatalogs.Changsha.Entries.Length}", stdout, StringComparison.Ordinal);
        Assert.Contains($"regions     {SampleCatalogs.Changsha.Regions.Length}", stdout, StringComparison.Ordinal);
        Assert.Contains("tree depth  3", stdout, StringComparison.Ordinal);
        Assert.Contains("default     city-hotline", stdout, StringComparison.Ordinal);
        Assert.Contains("categories  ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidCatalog_PrintsEveryProblemOnStderrAndExits2()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """
            {"version": "v1", "regions": [{"code": "1", "parent": "0"}], "units": [{"id": "h"}],
             "entries": [{"category": "a", "region": "1", "unit": "x", "limit": "2 weeks"}], "default": {"unit": "h"}}
            """);
        var (exit, stdout, stderr) = Run("catalog", "check", path);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"{path}: regions[0] (1): parent region '0' is not in regions",
                $"{path}: entries[0] (a @ 1): unit 'x' is not in units",
                $"{path}: entries[0] (a @ 1): limit '2 weeks' is not a duration (expected a whole number and wd, wh, h or d, e.g. 5wd)",
            ],
            lines);
    }

    [Fact]
    public void Check_MissingFile_Exits2()
    {
        var (exit, _, stderr) = Run("catalog", "check", Path.Combine(_dir, "none.json"));
        Assert.Equal(2, exit);
        Assert.Contains("no such file or folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_JsonToCsvAndBack_RoundTrips()
    {
        var json = SampleJson();
        var csv = Path.Combine(_dir, "csv");
        var back = Path.Combine(_dir, "back.json");

        var (exit1, out1, err1) = Run("catalog", "convert", json, csv);
        Assert.Equal(0, exit1);
        Assert.Equal(string.Empty, err1);
        Assert.Contains("CSV folder", out1, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(csv, "entries.csv")));

        var (exit2, _, _) = Run("catalog", "check", csv);
        Assert.Equal(0, exit2);

        var (exit3, _, _) = Run("catalog", "convert", csv, back);
        Assert.Equal(0, exit3);
        Assert.Equal(File.ReadAllText(json), File.ReadAllText(back));
    }

    [Fact]
    public void Convert_InvalidInput_WritesNothingAndExits2()
    {
        var bad = Path.Combine(_dir, "bad");
        Directory.CreateDirectory(bad);
        File.WriteAllText(Path.Combine(bad, "catalog.csv"), "version,default\nv1,h\n");
        var target = Path.Combine(_dir, "out.json");
        var (exit, _, stderr) = Run("catalog", "convert", bad, target);
        Assert.Equal(2, exit);
        Assert.Contains($"{bad}: regions.csv: missing", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Help_ShowsAnExample()
    {
        var (exit, stdout, _) = Run("catalog", "check", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Example: hotline catalog check samples/catalog-changsha.json", stdout, StringComparison.Ordinal);
    }
}

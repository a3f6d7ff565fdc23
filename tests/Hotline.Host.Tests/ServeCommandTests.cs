namespace Hotline.Host.Tests;

public sealed class ServeCommandTests
{
    private static readonly string Catalog = Path.Combine(AppContext.BaseDirectory, "samples", "catalog-changsha.json");

    [Fact]
    public void Help_Serve_ShowsOptionsAndExample()
    {
        var (exit, output, _) = CliRunner.Run("serve", "--help");

        Assert.Equal(HotlineCli.Ok, exit);
        foreach (var option in new[] { "--profile", "--catalog", "--calendar", "--data", "--keys", "--port", "--bind" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }

        Assert.Contains("Example: hotline serve", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_InvalidKeysFile_ExitsTwoNamingTheEntry()
    {
        string keys = Path.Combine(Path.GetTempPath(), $"hotline-keys-{Guid.NewGuid():N}.json");
        File.WriteAllText(keys, """{"operators": {"op-li": "operator-key-0123456789"}, "units": {"no-such-unit": "unit-key-0123456789"}}""");
        try
        {
            var (exit, output, error) = CliRunner.Run("serve", "--profile", "changsha-2020", "--catalog", Catalog, "--keys", keys, "--port", "0");

            Assert.Equal(HotlineCli.BadInput, exit);
            Assert.Equal("", output);
            Assert.Contains("units.no-such-unit", error, StringComparison.Ordinal);
            Assert.Contains(keys, error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keys);
        }
    }

    [Fact]
    public void Serve_BindNotAnAddress_ExitsTwo()
    {
        var (exit, _, error) = CliRunner.Run("serve", "--profile", "changsha-2020", "--catalog", Catalog, "--keys", "k.json", "--bind", "example.org");

        Assert.Equal(HotlineCli.BadInput, exit);
        Assert.Contains("--bind", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_NeitherCatalogNorCluster_ExitsTwo()
    {
        var (exit, output, error) = CliRunner.Run("serve", "--keys", "k.json");

        Assert.Equal(HotlineCli.BadInput, exit);
        Assert.Equal("", output);
        Assert.Contains("--cluster", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ClusterLayoutMissing_ExitsTwoNamingIt()
    {
        string layout = Path.Combine(Path.GetTempPath(), $"hotline-no-layout-{Guid.NewGuid():N}.json");
        var (exit, output, error) = CliRunner.Run("serve", "--cluster", layout, "--keys", "k.json", "--port", "0");

        Assert.Equal(HotlineCli.BadInput, exit);
        Assert.Equal("", output);
        Assert.Contains(layout, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ClusterPrimaryNotHostPort_ExitsTwo()
    {
        var (exit, _, error) = CliRunner.Run("serve", "--cluster", "layout.json", "--keys", "k.json", "--primary", "no-port-here");

        Assert.Equal(HotlineCli.BadInput, exit);
        Assert.Contains("--primary", error, StringComparison.Ordinal);
    }
}

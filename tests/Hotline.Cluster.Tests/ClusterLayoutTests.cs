using System.Collections.Immutable;
using Hotline.Engine.Catalog;

namespace Hotline.Cluster.Tests;

/// <summary>The layout and the region → partition map, without a cluster.</summary>
public sealed class ClusterLayoutTests
{
    [Fact]
    public void A_region_belongs_to_the_partition_whose_tree_contains_it()
    {
        var layout = new ClusterLayout([City("430100", "430102"), City("430200", "430202")]);

        Assert.Equal("430100", layout.Regions.OwnerOf("430102"));
        Assert.Equal("430200", layout.Regions.OwnerOf("430200"));
        Assert.Null(layout.Regions.OwnerOf("440300"));
        Assert.Equal(4, layout.Regions.Count);
    }

    [Fact]
    public void A_region_in_two_partitions_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ClusterLayout([City("430100", "430102"), City("430199", "430102")]));
        Assert.Contains("region 430102", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_partitions_on_one_journal_directory_are_refused()
    {
        var a = City("430100", "430102");
        var b = City("430200", "430202") with { DataDirectory = a.DataDirectory };
        var e = Assert.Throws<ArgumentException>(() => new ClusterLayout([a, b]));
        Assert.Contains("data directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_layout_resolves_paths_against_its_folder_and_root()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hotline-layout-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "cluster.json");
            File.WriteAllText(path, """{"root":"j","partitions":[{"code":"430100","profile":"changsha-2020","catalog":"sample:changsha"}]}""");

            var layout = ClusterLayout.Load(path);

            var p = Assert.Single(layout.Partitions);
            Assert.Equal(Path.Combine(dir, "j", "430100"), p.DataDirectory);
            Assert.Equal("430100", layout.Regions.OwnerOf("430102001"));

            File.WriteAllText(path, """{"partitions":[{"code":"430100"}]}""");
            var e = Assert.Throws<FormatException>(() => ClusterLayout.Load(path));
            Assert.Contains("partitions[0].profile", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static PartitionSettings City(string city, string district) => new(
        city,
        "changsha-2020",
        DispatchCatalog.Create(
            $"{city}-1",
            [new Region(city, city, null), new Region(district, district, city)],
            [new HandlingUnit($"{city}-hotline", "12345")],
            [new CatalogEntry("noise", "Noise", null, city, $"{city}-hotline", ImmutableArray<string>.Empty, null, null)],
            $"{city}-hotline"),
        null,
        Path.Combine(Path.GetTempPath(), "hotline-layout-test", city));
}

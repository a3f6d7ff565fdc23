using Microsoft.Extensions.Configuration;
using System.Globalization;
using Orleans.TestingHost;

namespace Hotline.Cluster.Tests;

/// <summary>
/// A two-silo test cluster on loopback with three city partitions (Changsha 430100, Zhuzhou 430200,
/// Xiangtan 430300), their catalogs and layout written under a temp root.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const string LayoutKey = "HotlineLayout";
    public const string KeyValue = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private ClusterHarness(string root, TestCluster cluster)
    {
        Root = root;
        Cluster = cluster;
    }

    public string Root { get; }

    public TestCluster Cluster { get; }

    public IPartitionGrain Partition(string code) => Cluster.Client.GetGrain<IPartitionGrain>(code);

    public static async Task<ClusterHarness> StartAsync()
    {
        Environment.SetEnvironmentVariable("HOTLINE_KEY", KeyValue);
        var root = Path.Combine(Path.GetTempPath(), "hotline-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "430100.json"), Catalog("430100", "Changsha", ["430102", "430103"]));
        File.WriteAllText(Path.Combine(root, "430200.json"), Catalog("430200", "Zhuzhou", ["430202", "430203"]));
        File.WriteAllText(Path.Combine(root, "430300.json"), Catalog("430300", "Xiangtan", ["430302", "430304"]));
        var layout = Path.Combine(root, "cluster.json");
        File.WriteAllText(layout, """
            {
              "root": "journals",
              "partitions": [
                { "code": "430100", "profile": "changsha-2020", "catalog": "430100.json" },
                { "code": "430200", "profile": "changsha-2020", "catalog": "430200.json" },
                { "code": "430300", "profile": "changsha-2020", "catalog": "430300.json", "data": "xiangtan" }
              ]
            }
            """);

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { [LayoutKey] = layout }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await cluster.DeployAsync(timeout.Token);
        return new ClusterHarness(root, cluster);
    }

    public static string Receive(string ticket, string region, string at, string? id = null, string category = "noise") =>
        "{\"op\":\"receive\",\"at\":\"" + at + "\",\"ticket\":\"" + ticket + "\",\"channel\":\"phone\",\"kind\":\"complaint\",\"category\":\""
        + category + "\",\"region\":\"" + region + "\"" + (id is null ? string.Empty : ",\"id\":\"" + id + "\"") + "}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Catalog(string city, string name, string[] districts)
    {
        var regions = string.Join(",", districts.Select(d => $"{{\"code\":\"{d}\",\"name\":\"district {d}\",\"parent\":\"{city}\"}}"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "version": "{{city}}-1",
              "regions": [{"code":"{{city}}","name":"{{name}}","parent":null},{{regions}}],
              "units": [{"id":"{{city}}-hotline","name":"{{name}} 12345"},{"id":"{{city}}-urban","name":"{{name}} urban management"}],
              "entries": [{"category":"noise","name":"Noise","basis":null,"region":"{{city}}","unit":"{{city}}-urban","co":[],"limit":"10wd"}],
              "default": {"unit": "{{city}}-hotline"}
            }
            """);
    }
}

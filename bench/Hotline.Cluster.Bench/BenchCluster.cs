using System.Collections.Immutable;
using Hotline.Engine.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Cluster.Bench;

/// <summary>One localhost silo hosting two city partitions (430100, 430200) with journals under a temp root.</summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    public const string KeyValue = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private readonly IHost _host;

    private BenchCluster(IHost host, string root)
    {
        _host = host;
        Root = root;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public string Root { get; }

    public IGrainFactory Grains { get; }

    public static async Task<BenchCluster> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("HOTLINE_KEY") is null)
        {
            Environment.SetEnvironmentVariable("HOTLINE_KEY", KeyValue);
        }

        var root = Path.Combine(Path.GetTempPath(), "hotline-cluster-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var layout = new ClusterLayout([City("430100", root), City("430200", root)]);
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => silo.UseLocalhostClustering().AddHotlinePartitions(layout))
            .Build();
        await host.StartAsync().ConfigureAwait(false);
        return new BenchCluster(host, root);
    }

    public static PartitionSettings City(string city, string root) => new(
        city,
        "changsha-2020",
        Catalog(city),
        null,
        Path.Combine(root, city));

    public static DispatchCatalog Catalog(string city) => DispatchCatalog.Create(
        $"{city}-1",
        [new Region(city, city, null), new Region(city[..4] + "02", "district 02", city), new Region(city[..4] + "03", "district 03", city)],
        [new HandlingUnit($"{city}-hotline", "12345"), new HandlingUnit($"{city}-urban", "urban management")],
        [new CatalogEntry("noise", "Noise", null, city, $"{city}-urban", ImmutableArray<string>.Empty, null, null)],
        $"{city}-hotline");

    public static string Receive(string ticket, string region) =>
        "{\"op\":\"receive\",\"at\":\"2026-03-02T09:00:00+08:00\",\"ticket\":\"" + ticket
        + "\",\"channel\":\"phone\",\"kind\":\"complaint\",\"category\":\"noise\",\"region\":\"" + region + "\"}";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

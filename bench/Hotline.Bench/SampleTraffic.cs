using Hotline.Engine.Catalog;

namespace Hotline.Bench;

/// <summary>What the engine benchmarks draw tickets from: the sample catalog's streets and categories, and the test journal key.</summary>
internal static class SampleTraffic
{
    /// <summary>The sample catalog's street codes (9 digits).</summary>
    public static readonly string[] Streets = [.. SampleCatalogs.Changsha.Regions.Where(r => r.Code.Length == 9).Select(r => r.Code)];

    /// <summary>The categories the sample catalog has entries for.</summary>
    public static readonly string[] Categories = [.. SampleCatalogs.Changsha.Entries.Select(e => e.Category).Distinct()];

    /// <summary>Seals the benchmarks' data directories with a fixed key (no key generated into the user's config).</summary>
    public static void UseTestKey() => Environment.SetEnvironmentVariable("HOTLINE_KEY", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=");
}

namespace Hotline.Engine.Catalog;

/// <summary>
/// Realistic dispatch catalogs shipped with the library, for demos, tests and the host's default.
/// </summary>
/// <remarks>Thread-safe; each catalog is loaded once, on first use.</remarks>
public static class SampleCatalogs
{
    private const string ChangshaResource = "Hotline.Engine.Catalog.catalog-changsha.json";

    /// <summary>
    /// Changsha (430100): its nine districts and county-level cities with their division codes, a few
    /// streets under each (9-digit codes), about fifty common 12345 matters with dotted parents, city
    /// departments and utilities, district entries (locality first), street entries with sub-offices,
    /// and per-entry limits. The same file is <c>samples/catalog-changsha.json</c> in the repository.
    /// </summary>
    public static DispatchCatalog Changsha { get; } = LoadResource(ChangshaResource);

    private static DispatchCatalog LoadResource(string name)
    {
        using var stream = typeof(SampleCatalogs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded catalog {name} is missing from the assembly.");
        return DispatchCatalog.FromJson(stream);
    }
}

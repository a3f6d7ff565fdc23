namespace Hotline.Engine.Routing;

/// <summary>
/// The catalog in force: one compiled catalog, replaced whole when a new version is published
/// (a catalog update, e.g. a coordination decision that applies to every later ticket of a kind,
/// Changsha 2020 art. 23; spec §2 <c>catalog</c>).
/// </summary>
/// <remarks>
/// Thread-safety: any number of readers and publishers. <see cref="Publish"/> swaps a single reference
/// with release semantics and <see cref="Current"/> reads it with acquire semantics, so a reader sees
/// either the old catalog or the new one, fully built, never a mix. A compiled catalog is immutable,
/// so a reader keeps a consistent view for as long as it holds the reference it read; read
/// <see cref="Current"/> once per ticket and route from that. Tickets keep the version they were
/// routed by through their <see cref="Route"/>.
/// </remarks>
public sealed class CatalogRegistry
{
    // The catalog in force; written by publishers, read by everyone (Volatile/Interlocked only).
    private CompiledCatalog _current;

    /// <summary>Creates a registry with <paramref name="initial"/> in force.</summary>
    public CatalogRegistry(CompiledCatalog initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>The catalog in force now.</summary>
    public CompiledCatalog Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="next"/> in force for every later read; returns the one it replaces.</summary>
    public CompiledCatalog Publish(CompiledCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }

    /// <summary>
    /// Puts <paramref name="next"/> in force only if <paramref name="expected"/> is still in force
    /// (for publishers that derive the next catalog from the current one); true when it did.
    /// </summary>
    public bool TryPublish(CompiledCatalog expected, CompiledCatalog next)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(next);
        return ReferenceEquals(Interlocked.CompareExchange(ref _current, next, expected), expected);
    }
}

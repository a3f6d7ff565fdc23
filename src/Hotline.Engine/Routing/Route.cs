using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;

namespace Hotline.Engine.Routing;

/// <summary>
/// Where a ticket goes, as one compiled catalog decided it (spec §2 <c>dispatched</c>): the lead unit,
/// co-handlers, sub-office, the catalog's limit, the catalog version, whether the default unit was
/// used, or that the region is outside the jurisdiction (spec §2.1 <c>forwarded</c>).
/// </summary>
/// <remarks>
/// A small handle (a catalog reference and an entry index): producing one allocates nothing, and it
/// keeps the catalog it was routed by alive, so a ticket that holds its route keeps its version while
/// newer catalogs are published (Changsha 2020 art. 23). Immutable; thread-safe.
/// <c>default(Route)</c> is not a route; every member but <see cref="IsEmpty"/> throws on it.
/// </remarks>
public readonly struct Route : IEquatable<Route>
{
    internal const int DefaultEntry = -1;
    internal const int OutOfJurisdictionEntry = -2;

    private readonly CompiledCatalog? _catalog;
    private readonly int _entry;

    internal Route(CompiledCatalog catalog, int entry)
    {
        _catalog = catalog;
        _entry = entry;
    }

    /// <summary>True for <c>default(Route)</c>, which no catalog produced.</summary>
    public bool IsEmpty => _catalog is null;

    /// <summary>The compiled catalog that made this route.</summary>
    public CompiledCatalog Catalog => _catalog ?? throw EmptyRoute();

    /// <summary>The version of the catalog that made this route (<c>catalogVersion</c>).</summary>
    public string CatalogVersion => Catalog.Version;

    /// <summary>True when the region is not in the catalog's region tree: the ticket is forwarded to the
    /// province platform (spec §2.1; Zhongshan 2024 art. 24) and has no unit.</summary>
    public bool OutOfJurisdiction => CheckedEntry == OutOfJurisdictionEntry;

    /// <summary>True when no entry matched and the default unit takes the ticket (<c>byDefault</c>).</summary>
    public bool ByDefault => CheckedEntry == DefaultEntry;

    /// <summary>The index of the matched entry in <see cref="DispatchCatalog.Entries"/>, or -1 when
    /// <see cref="ByDefault"/> or <see cref="OutOfJurisdiction"/>.</summary>
    public int EntryIndex => CheckedEntry >= 0 ? _entry : -1;

    /// <summary>The matched entry (matter name, legal basis, …), or null when none matched.</summary>
    public CatalogEntry? Entry => EntryIndex is int i and >= 0 ? _catalog!.Source.Entries[i] : null;

    /// <summary>The lead unit's interned id (see <see cref="CompiledCatalog.UnitId(int)"/>), or -1 when
    /// <see cref="OutOfJurisdiction"/>.</summary>
    public int LeadUnit => Catalog.Row(_entry).Lead;

    /// <summary>The lead unit's id (<c>unit</c>), or null when <see cref="OutOfJurisdiction"/>.</summary>
    public string? LeadUnitId => LeadUnit is int u and >= 0 ? _catalog!.UnitId(u) : null;

    /// <summary>The co-handlers' interned unit ids (<c>co</c>), in catalog order; empty when none.</summary>
    public ReadOnlySpan<int> CoHandlers => Catalog.CoHandlerSpan(_entry);

    /// <summary>The suggested sub-office of a town or street unit (<c>subOffice</c>), or null.</summary>
    public string? SubOffice => Catalog.Row(_entry).SubOffice;

    /// <summary>The handling limit the catalog entry carries, or null (then the profile's applies, spec §2.2).</summary>
    public WorkingDuration? Limit => Catalog.Row(_entry).Limit;

    /// <summary>True when both routes come from the same catalog object and the same entry.</summary>
    public bool Equals(Route other) => ReferenceEquals(_catalog, other._catalog) && _entry == other._entry;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Route other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_catalog, _entry);

    /// <summary>Equality as <see cref="Equals(Route)"/>.</summary>
    public static bool operator ==(Route left, Route right) => left.Equals(right);

    /// <summary>Inequality as <see cref="Equals(Route)"/>.</summary>
    public static bool operator !=(Route left, Route right) => !left.Equals(right);

    /// <summary>A short description, e.g. <c>furong-gov (co: city-housing) by 2026-03</c>.</summary>
    public override string ToString()
    {
        if (_catalog is null)
        {
            return "(no route)";
        }

        if (OutOfJurisdiction)
        {
            return $"out of jurisdiction by {CatalogVersion}";
        }

        var co = CoHandlers.Length == 0
            ? string.Empty
            : $" (co: {string.Join(", ", CoHandlers.ToArray().Select(_catalog.UnitId))})";
        return $"{LeadUnitId}{co}{(ByDefault ? " by default" : string.Empty)} by {CatalogVersion}";
    }

    private int CheckedEntry => _catalog is null ? throw EmptyRoute() : _entry;

    private static InvalidOperationException EmptyRoute() => new("default(Route) is not a route; obtain one from CompiledCatalog.Route.");
}

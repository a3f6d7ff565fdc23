using System.Collections.Immutable;
using Hotline.Engine.Calendar;

namespace Hotline.Engine.Catalog;

/// <summary>
/// One line of the dispatch catalog (派单目录, Zhongshan 2024 art. 15): for a matter
/// (<see cref="Category"/>) in a place (<see cref="Region"/>), the lead unit, its co-handlers, the
/// suggested sub-office of a town or street unit, the legal basis and the handling deadline.
/// Spec §5 <c>entries</c>.
/// </summary>
/// <param name="Category">The matter as a dotted path, e.g. <c>noise.construction</c>; its parent
/// category is the part before the last <c>.</c>.</param>
/// <param name="Name">The matter's display name; may be empty.</param>
/// <param name="Basis">The legal basis, or null.</param>
/// <param name="Region">The code of the region the entry covers (and, by locality first, its
/// descendants that have no entry of their own).</param>
/// <param name="Unit">The lead unit's id (牵头单位, Zhongshan 2024 art. 16).</param>
/// <param name="CoHandlers">The co-handling units' ids (协办单位), possibly empty.</param>
/// <param name="SubOffice">The suggested sub-office of a town or street unit, or null.</param>
/// <param name="Limit">The handling deadline the catalog carries, or null when it names none.</param>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record CatalogEntry(
    string Category,
    string Name,
    string? Basis,
    string Region,
    string Unit,
    ImmutableArray<string> CoHandlers,
    string? SubOffice,
    WorkingDuration? Limit);

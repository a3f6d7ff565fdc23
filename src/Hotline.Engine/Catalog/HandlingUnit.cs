namespace Hotline.Engine.Catalog;

/// <summary>
/// A handling unit (承办单位) the hotline dispatches to: a city department, a district or county
/// government, a town or street office, or a public utility (Linyi 2016 art. 11). Spec §5 <c>units</c>.
/// </summary>
/// <param name="Id">The unit's id, unique in the catalog, e.g. <c>city-housing</c>.</param>
/// <param name="Name">A display name, e.g. <c>Housing Bureau</c>; may be empty.</param>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record HandlingUnit(string Id, string Name);

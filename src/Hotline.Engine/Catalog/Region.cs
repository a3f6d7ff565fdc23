namespace Hotline.Engine.Catalog;

/// <summary>
/// A place in the catalog's region tree: usually an administrative division with its 6- to 12-digit
/// code (province, city, district or county, town or street), but any string works as a code.
/// Spec §5 <c>regions</c>.
/// </summary>
/// <param name="Code">The region's id, unique in the catalog, e.g. <c>430102</c>.</param>
/// <param name="Name">A display name, e.g. <c>Furong District</c>; may be empty.</param>
/// <param name="Parent">The enclosing region's code, or null for a root.</param>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record Region(string Code, string Name, string? Parent);

namespace Hotline.Engine.Catalog;

/// <summary>
/// A catalog as read from a file, before validation: every field as written (possibly missing or
/// wrong), each item labelled with where it came from (<c>entries[3]</c>, <c>entries.csv line 5</c>) so
/// that <see cref="CatalogValidator"/> can name it. Loaders add the problems they meet while reading
/// (a field of the wrong JSON type, a malformed CSV line) to <see cref="Problems"/>.
/// </summary>
internal sealed class CatalogDraft(string source)
{
    /// <summary>The file or folder read, named by the exception.</summary>
    public string Source { get; } = source;

    /// <summary>Problems found while reading, before validation.</summary>
    public List<string> Problems { get; } = [];

    public string? Version { get; set; }

    /// <summary>Where the version is written, e.g. <c>version</c> or <c>catalog.csv line 2</c>.</summary>
    public string VersionWhere { get; set; } = "version";

    public string? DefaultUnit { get; set; }

    /// <summary>Where the default unit is written.</summary>
    public string DefaultWhere { get; set; } = "default";

    public List<RawRegion> Regions { get; } = [];

    public List<RawUnit> Units { get; } = [];

    public List<RawEntry> Entries { get; } = [];

    internal sealed record RawRegion(string? Code, string? Name, string? Parent, Location Where);

    internal sealed record RawUnit(string? Id, string? Name, Location Where);

    internal sealed record RawEntry(
        string? Category,
        string? Name,
        string? Basis,
        string? Region,
        string? Unit,
        IReadOnlyList<string> CoHandlers,
        string? SubOffice,
        string? Limit,
        Location Where);

    /// <summary>
    /// Where an item was written: <c>entries[3]</c> (JSON, or built in memory) or <c>entries.csv line 5</c>.
    /// Kept as parts so that a valid catalog of 200,000 entries builds no label strings.
    /// </summary>
    internal readonly record struct Location(string Table, int Number, bool IsLine)
    {
        public override string ToString() => IsLine ? $"{Table} line {Number}" : $"{Table}[{Number}]";
    }

    /// <summary>Null for a missing or blank optional text, the trimmed text otherwise.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

namespace Hotline.Engine.Catalog;

/// <summary>
/// A dispatch catalog that cannot be loaded: unreadable, malformed or invalid. The message names the
/// source and lists every problem found, one per line, each naming the entry or line it concerns, so a
/// user can fix the whole file in one pass.
/// </summary>
public sealed class CatalogException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> with every problem found.</summary>
    /// <param name="source">The file or folder read, or <c>catalog</c> for one built in memory.</param>
    /// <param name="problems">Each problem, naming its entry or line; at least one.</param>
    public CatalogException(string source, IReadOnlyList<string> problems)
        : base(Describe(source, problems))
    {
        Location = source;
        Problems = problems;
    }

    /// <summary>Creates the exception with a single problem.</summary>
    public CatalogException(string message)
        : this("catalog", [message])
    {
    }

    /// <summary>Creates the exception with a single problem and its cause.</summary>
    public CatalogException(string message, Exception innerException)
        : base(Describe("catalog", [message]), innerException)
    {
        Location = "catalog";
        Problems = [message];
    }

    /// <summary>Creates the exception with no detail (for serializers and tooling).</summary>
    public CatalogException()
        : this("catalog", ["the catalog is invalid"])
    {
    }

    /// <summary>Every problem found, in file order, each naming its entry or line.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The file or folder read, or <c>catalog</c> for one built in memory.</summary>
    public string Location { get; }

    private static string Describe(string source, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(problems);
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"{source}: invalid catalog, {problems.Count} {noun}:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", problems);
    }
}

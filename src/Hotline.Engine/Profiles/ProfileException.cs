namespace Hotline.Engine.Profiles;

/// <summary>
/// A profile could not be read or is invalid. <see cref="Problems"/> lists every problem found, each
/// prefixed with the field's path (e.g. <c>clocks.handle.limit.complaint: '3xd' is not a duration …</c>);
/// the <see cref="Exception.Message"/> is one line naming the source and every problem, ready for the
/// host's one-line stderr diagnostic (spec §1, exit code 2).
/// </summary>
public sealed class ProfileException : Exception
{
    /// <summary>Creates the exception for a source with its problems.</summary>
    /// <param name="source">The file path or profile name the problems were found in.</param>
    /// <param name="problems">Every problem, each a short sentence naming its field.</param>
    /// <param name="innerException">The I/O or JSON error behind the problems, if any.</param>
    public ProfileException(string source, IEnumerable<string> problems, Exception? innerException = null)
        : this(source, [.. problems ?? throw new ArgumentNullException(nameof(problems))], innerException)
    {
    }

    /// <summary>Creates an exception with a message and no listed problems.</summary>
    public ProfileException()
        : this("(unknown)", ["invalid profile"])
    {
    }

    /// <summary>Creates an exception with one problem, the <paramref name="message"/>.</summary>
    public ProfileException(string message)
        : this("(unknown)", [message])
    {
    }

    /// <summary>Creates an exception with one problem, the <paramref name="message"/>, and its cause.</summary>
    public ProfileException(string message, Exception innerException)
        : this("(unknown)", [message], innerException)
    {
    }

    private ProfileException(string source, string[] problems, Exception? innerException)
        : base(FormatMessage(source, problems), innerException)
    {
        SourceName = source;
        Problems = problems;
    }

    /// <summary>The file path or profile name that was being read.</summary>
    public string SourceName { get; }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string FormatMessage(string source, string[] problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        string count = problems.Length == 1 ? "1 problem" : $"{problems.Length} problems";
        return $"invalid profile '{source}' ({count}): {string.Join("; ", problems)}";
    }
}

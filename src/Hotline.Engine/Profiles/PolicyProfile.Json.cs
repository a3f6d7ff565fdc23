namespace Hotline.Engine.Profiles;

/// <content>Reading and writing profile JSON (spec §4).</content>
public sealed partial class PolicyProfile
{
    /// <summary>
    /// Parses and validates a profile document. Absent and <c>null</c> fields mean the same; unknown
    /// top-level fields (and unknown fields inside rule objects) are ignored; every problem is collected.
    /// </summary>
    /// <param name="json">The document.</param>
    /// <param name="source">What the document is (a file path or a name), used in error messages.</param>
    /// <exception cref="ProfileException">The text is not JSON or the profile is invalid; lists every problem.</exception>
    public static PolicyProfile Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        return ProfileReader.Read(json, source);
    }

    /// <summary>Reads and validates a profile file (UTF-8).</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ProfileException">The file cannot be read, is not JSON, or is invalid; names the path.</exception>
    public static PolicyProfile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ProfileException(path, [$"cannot read the file: {ex.Message}"], ex);
        }

        return Parse(json, path);
    }

    /// <summary>
    /// The profile as JSON in the shape of spec §4, with every field written (unset ones as <c>null</c>);
    /// <see cref="Parse"/> of the result gives back an equal profile.
    /// </summary>
    public string ToJson() => ProfileWriter.Write(this);
}

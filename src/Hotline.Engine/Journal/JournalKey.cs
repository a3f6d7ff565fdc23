using System.Security.Cryptography;

namespace Hotline.Engine.Journal;

/// <summary>
/// Finds the key that seals the journal: <c>HOTLINE_KEY</c> (base64 of 32 bytes), else the file named
/// by <c>HOTLINE_KEY_FILE</c>, else <c>hotline/journal.key</c> in the user's config folder — created on
/// first use (mode 0600) with a warning, so a first run needs no set-up.
/// </summary>
internal static class JournalKey
{
    public const string KeyVariable = "HOTLINE_KEY";
    public const string KeyFileVariable = "HOTLINE_KEY_FILE";

    /// <summary>The default key file: <c>~/.config/hotline/journal.key</c> on Linux.</summary>
    public static string DefaultPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "hotline", "journal.key");

    /// <summary>Loads (or creates) the key; <paramref name="warn"/> hears about a key generated now.</summary>
    /// <exception cref="JournalException">The configured key is unusable; the message says which and why.</exception>
    public static byte[] Load(Action<string> warn)
    {
        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } text)
        {
            return Decode(text, $"the environment variable {KeyVariable}");
        }

        if (Environment.GetEnvironmentVariable(KeyFileVariable) is { Length: > 0 } file)
        {
            return ReadFile(file, $"the key file {file} (from {KeyFileVariable})");
        }

        string path = DefaultPath;
        if (File.Exists(path))
        {
            return ReadFile(path, $"the key file {path}");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(Convert.ToBase64String(key));
        }

        warn($"generated a new journal key at {path} (mode 0600); back it up with the data directory, or set {KeyVariable} or {KeyFileVariable}");
        return key;
    }

    /// <summary>A short public fingerprint of the key, kept in the manifest to detect a wrong key.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key)[..8]);

    private static byte[] ReadFile(string path, string what)
    {
        try
        {
            return Decode(File.ReadAllText(path).Trim(), what);
        }
        catch (IOException e)
        {
            throw new JournalException($"cannot read {what}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new JournalException($"cannot read {what}: {e.Message}", e);
        }
    }

    private static byte[] Decode(string text, string what)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new JournalException($"{what} is not a journal key: expected base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
    }
}

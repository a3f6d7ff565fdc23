using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotline.Engine.Journal;

/// <summary>
/// A data directory (spec §1 <c>--data</c>): a manifest <c>hotline.json</c> (format version, the
/// profile it was made with, the key's fingerprint), the journal, and a lock that keeps a second
/// process out while this one runs.
/// </summary>
/// <remarks>
/// Layout: <c>hotline.json</c>, <c>lock</c> (held open exclusively), <c>lock.pid</c> (who holds it),
/// <c>journal/</c> (the FASTER log and its commits). Back up a stopped directory by copying it whole.
/// </remarks>
internal sealed class DataDirectory : IDisposable
{
    /// <summary>The format this engine writes and reads.</summary>
    public const int Format = 1;

    private const string ManifestFile = "hotline.json";
    private const string LockFile = "lock";
    private const string PidFile = "lock.pid";

    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockStream, bool created)
    {
        Path = path;
        _lock = lockStream;
        Created = created;
    }

    public string Path { get; }

    public string JournalPath => System.IO.Path.Combine(Path, "journal");

    /// <summary>True when this run made the directory.</summary>
    public bool Created { get; }

    /// <summary>Opens (or makes) the directory for a profile and a key, taking its lock.</summary>
    /// <exception cref="JournalException">Locked, newer format, other profile, other key, or unreadable; the message says which.</exception>
    public static DataDirectory Open(string path, string profileName, string profileJson, string keyFingerprint)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JournalException($"data directory {path}: cannot create it: {e.Message}", e);
        }

        var lockStream = TakeLock(path);
        try
        {
            bool created = CheckManifest(path, profileName, profileJson, keyFingerprint);
            return new DataDirectory(path, lockStream, created);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The profile definition a data directory was made with (from its manifest), for reading the
    /// directory without naming the profile.
    /// </summary>
    /// <exception cref="JournalException">The directory has no readable manifest.</exception>
    public static string ReadProfileDefinition(string path)
    {
        string manifestPath = System.IO.Path.Combine(path, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new JournalException($"{path} is not a hotline data directory (no {ManifestFile})");
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(manifestPath));
            return node?["profileDefinition"]?.ToJsonString()
                ?? throw new JournalException($"data directory {path}: {ManifestFile} holds no profile definition");
        }
        catch (JsonException e)
        {
            throw new JournalException($"data directory {path}: {ManifestFile} is not valid JSON: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(System.IO.Path.Combine(Path, PidFile));
        }
        catch (IOException)
        {
        }

        _lock.Dispose();
    }

    private static FileStream TakeLock(string path)
    {
        string lockPath = System.IO.Path.Combine(path, LockFile);
        string pidPath = System.IO.Path.Combine(path, PidFile);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            string holder = File.Exists(pidPath) ? File.ReadAllText(pidPath).Trim() : "another process";
            throw new JournalException($"data directory {path} is in use by process {holder}; stop it first, or use another directory");
        }

        File.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return stream;
    }

    private static bool CheckManifest(string path, string profileName, string profileJson, string keyFingerprint)
    {
        string manifestPath = System.IO.Path.Combine(path, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            if (Directory.Exists(System.IO.Path.Combine(path, "journal")))
            {
                throw new JournalException($"data directory {path} has a journal but no {ManifestFile}; it was not made by hotline, or the manifest was lost");
            }

            var manifest = new JsonObject
            {
                ["format"] = Format,
                ["engine"] = typeof(DataDirectory).Assembly.GetName().Version?.ToString(),
                ["profile"] = profileName,
                ["profileDefinition"] = JsonNode.Parse(profileJson),
                ["keyFingerprint"] = keyFingerprint,
            };
            string temp = manifestPath + ".tmp";
            File.WriteAllText(temp, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temp, manifestPath, overwrite: true);
            return true;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(manifestPath));
        }
        catch (JsonException e)
        {
            throw new JournalException($"data directory {path}: {ManifestFile} is not valid JSON: {e.Message}", e);
        }

        int format = node?["format"]?.GetValue<int>() ?? 0;
        if (format > Format)
        {
            throw new JournalException($"data directory {path} has format {format}, newer than this engine reads ({Format}); upgrade hotline to use it");
        }

        if (format < 1)
        {
            throw new JournalException($"data directory {path}: {ManifestFile} has no valid format version");
        }

        string? madeWith = node?["profile"]?.GetValue<string>();
        if (!string.Equals(madeWith, profileName, StringComparison.Ordinal))
        {
            throw new JournalException($"data directory {path} was created with profile '{madeWith}', not '{profileName}'; run with --profile {madeWith}");
        }

        var stored = node?["profileDefinition"];
        if (stored is not null && !JsonNode.DeepEquals(stored, JsonNode.Parse(profileJson)))
        {
            throw new JournalException($"data directory {path} was created with another definition of profile '{profileName}'; its rules must not change under recorded tickets (the definition is in {ManifestFile})");
        }

        string? fingerprint = node?["keyFingerprint"]?.GetValue<string>();
        if (!string.Equals(fingerprint, keyFingerprint, StringComparison.Ordinal))
        {
            throw new JournalException($"data directory {path} was sealed with another journal key (fingerprint {fingerprint}, this key {keyFingerprint}); set {JournalKey.KeyVariable} or {JournalKey.KeyFileVariable} to the key it was made with");
        }

        return false;
    }
}

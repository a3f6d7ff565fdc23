using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hotline.Engine.Catalog;

namespace Hotline.Host.Http;

/// <summary>
/// The API keys of <c>hotline serve</c>: which key is the operator's and which belongs to which
/// handling unit. Read from a JSON file:
/// <code>
/// {
///   "operators": { "op-li": "a-long-random-key-1", "op-wang": "a-long-random-key-2" },
///   "units": {
///     "furong-gov":   "a-long-random-key-3",
///     "city-housing": ["a-long-random-key-4", "a-long-random-key-5"]
///   }
/// }
/// </code>
/// An operator's name is what its commands carry as <c>by</c>; a unit key's commands carry the
/// unit's id. A unit may have several keys (one per officer desk, or old and new while rotating).
/// </summary>
/// <remarks>
/// The file is validated on load with one error listing every problem and naming the entry: unknown
/// root fields, an empty name, a key shorter than <see cref="MinKeyLength"/> characters or with
/// whitespace, a key used twice, a unit the catalog does not know, and no operator at all.
/// Keys are kept only as SHA-256 digests, so a lookup compares digests, never the secret text.
/// Immutable after load; safe to read from any thread.
/// </remarks>
internal sealed class ApiKeys
{
    /// <summary>Shortest key accepted: 16 characters, so a key cannot be guessed by trying.</summary>
    public const int MinKeyLength = 16;

    // Digest of a key (hex) → who it belongs to; read-only after construction.
    private readonly Dictionary<string, Caller> _byDigest;

    private ApiKeys(Dictionary<string, Caller> byDigest) => _byDigest = byDigest;

    /// <summary>How many keys there are.</summary>
    public int Count => _byDigest.Count;

    /// <summary>Reads and validates a keys file against the units of <paramref name="catalog"/>.</summary>
    /// <exception cref="ApiKeysException">The file cannot be read or is invalid; the message names every problem.</exception>
    public static ApiKeys Load(string path, DispatchCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Load(path, catalog.Units.Select(u => u.Id), $"the catalog ({catalog.Version})");
    }

    /// <summary>Reads and validates a keys file against <paramref name="units"/> (named <paramref name="unitSource"/> in messages).</summary>
    /// <exception cref="ApiKeysException">The file cannot be read or is invalid; the message names every problem.</exception>
    public static ApiKeys Load(string path, IEnumerable<string> units, string unitSource)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeysException($"{path}: cannot read the keys file: {e.Message}", e);
        }

        try
        {
            return Parse(text, units, unitSource);
        }
        catch (ApiKeysException e)
        {
            throw new ApiKeysException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Validates keys file text (see the type's remarks).</summary>
    /// <exception cref="ApiKeysException">The text is invalid; the message names every problem.</exception>
    public static ApiKeys Parse(string json, DispatchCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Parse(json, catalog.Units.Select(u => u.Id), $"the catalog ({catalog.Version})");
    }

    /// <summary>Validates keys file text against <paramref name="knownUnits"/> (named <paramref name="unitSource"/> in messages).</summary>
    /// <exception cref="ApiKeysException">The text is invalid; the message names every problem.</exception>
    public static ApiKeys Parse(string json, IEnumerable<string> knownUnits, string unitSource)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(knownUnits);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ApiKeysException($"not JSON: {e.Message}", e);
        }

        using (document)
        {
            var problems = new List<string>();
            var byDigest = new Dictionary<string, Caller>(StringComparer.Ordinal);
            var entryOf = new Dictionary<string, string>(StringComparer.Ordinal); // digest → entry name, to name both sides of a reused key
            var units = knownUnits.ToHashSet(StringComparer.Ordinal);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ApiKeysException("the keys file must be a JSON object with \"operators\" and \"units\"");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("operators" or "units"))
                {
                    problems.Add($"{property.Name}: unknown field (expected \"operators\" and \"units\")");
                }
            }

            int operators = 0;
            if (root.TryGetProperty("operators", out var ops))
            {
                if (ops.ValueKind != JsonValueKind.Object)
                {
                    problems.Add("operators: must be an object of name → key");
                }
                else
                {
                    foreach (var op in ops.EnumerateObject())
                    {
                        string entry = $"operators.{op.Name}";
                        if (string.IsNullOrWhiteSpace(op.Name))
                        {
                            problems.Add("operators: an operator name is empty");
                            continue;
                        }

                        if (op.Value.ValueKind != JsonValueKind.String)
                        {
                            problems.Add($"{entry}: the key must be a string");
                            continue;
                        }

                        operators += Add(entry, op.Value.GetString()!, new Caller(op.Name, null), byDigest, entryOf, problems);
                    }
                }
            }

            if (root.TryGetProperty("units", out var unitKeys))
            {
                if (unitKeys.ValueKind != JsonValueKind.Object)
                {
                    problems.Add("units: must be an object of unit id → key (or a list of keys)");
                }
                else
                {
                    foreach (var unit in unitKeys.EnumerateObject())
                    {
                        string entry = $"units.{unit.Name}";
                        if (!units.Contains(unit.Name))
                        {
                            problems.Add($"{entry}: {unitSource} has no unit '{unit.Name}'");
                            continue;
                        }

                        var caller = new Caller(unit.Name, unit.Name);
                        switch (unit.Value.ValueKind)
                        {
                            case JsonValueKind.String:
                                Add(entry, unit.Value.GetString()!, caller, byDigest, entryOf, problems);
                                break;
                            case JsonValueKind.Array when unit.Value.GetArrayLength() > 0:
                                int i = 0;
                                foreach (var key in unit.Value.EnumerateArray())
                                {
                                    string itemEntry = $"{entry}[{i++}]";
                                    if (key.ValueKind != JsonValueKind.String)
                                    {
                                        problems.Add($"{itemEntry}: the key must be a string");
                                        continue;
                                    }

                                    Add(itemEntry, key.GetString()!, caller, byDigest, entryOf, problems);
                                }

                                break;
                            default:
                                problems.Add($"{entry}: must be a key, or a non-empty list of keys");
                                break;
                        }
                    }
                }
            }

            if (operators == 0 && !problems.Any(p => p.StartsWith("operators", StringComparison.Ordinal)))
            {
                problems.Add("operators: at least one operator key is needed (intake and every decision are operator ops)");
            }

            if (problems.Count > 0)
            {
                throw new ApiKeysException(string.Join("; ", problems));
            }

            return new ApiKeys(byDigest);
        }
    }

    /// <summary>Who a presented key belongs to, or null when it is no key of this file.</summary>
    public Caller? Resolve(string? key) =>
        string.IsNullOrEmpty(key) ? null : _byDigest.GetValueOrDefault(Digest(key));

    private static int Add(string entry, string key, Caller caller, Dictionary<string, Caller> byDigest, Dictionary<string, string> entryOf, List<string> problems)
    {
        if (key.Length < MinKeyLength)
        {
            problems.Add($"{entry}: the key is shorter than {MinKeyLength} characters");
            return 0;
        }

        if (key.Any(char.IsWhiteSpace))
        {
            problems.Add($"{entry}: the key contains whitespace");
            return 0;
        }

        string digest = Digest(key);
        if (entryOf.TryGetValue(digest, out var first))
        {
            problems.Add($"{entry}: the same key as {first} (each key must name one caller)");
            return 0;
        }

        entryOf.Add(digest, entry);
        byDigest.Add(digest, caller);
        return 1;
    }

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Hotline.Engine.Profiles;

/// <content>The built-in profiles, embedded as JSON resources (<c>Profiles/BuiltIn/*.json</c>).</content>
public sealed partial class PolicyProfile
{
    private const string ResourcePrefix = "Hotline.Engine.Profiles.";

    // Parsed on first use, all five at once; a built-in that does not parse is a build defect the tests catch.
    private static readonly Lazy<FrozenDictionary<string, PolicyProfile>> BuiltIns = new(LoadBuiltIns);

    /// <summary>The built-in profile names of spec §4, in the order the spec lists them.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        ["linyi-2016", "zhongshan-2024", "changzhi", "xiangfen-2022", "changsha-2020"];

    /// <summary>Gets a built-in profile by its exact name.</summary>
    /// <param name="name">A name of <see cref="BuiltInNames"/>.</param>
    /// <param name="profile">The profile, when found.</param>
    /// <returns>True when <paramref name="name"/> is a built-in profile.</returns>
    public static bool TryGetBuiltIn(string name, [NotNullWhen(true)] out PolicyProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BuiltIns.Value.TryGetValue(name, out profile);
    }

    /// <summary>
    /// The profile a <c>--profile</c> argument names (spec §1): a built-in profile by name, else the
    /// profile file at that path.
    /// </summary>
    /// <param name="nameOrPath">A built-in name or a file path.</param>
    /// <exception cref="ProfileException">Neither a built-in name nor a readable, valid profile file.</exception>
    public static PolicyProfile Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (TryGetBuiltIn(nameOrPath, out var builtIn))
        {
            return builtIn;
        }

        if (!File.Exists(nameOrPath))
        {
            throw new ProfileException(
                nameOrPath,
                [$"not a built-in profile ({string.Join(", ", BuiltInNames)}) and no such file"]);
        }

        return Load(nameOrPath);
    }

    private static FrozenDictionary<string, PolicyProfile> LoadBuiltIns()
    {
        var assembly = typeof(PolicyProfile).Assembly;
        var profiles = new Dictionary<string, PolicyProfile>(StringComparer.Ordinal);
        foreach (string name in BuiltInNames)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
                ?? throw new InvalidOperationException($"The built-in profile '{name}' is not embedded in {assembly.GetName().Name}.");
            using var reader = new StreamReader(stream);
            var profile = Parse(reader.ReadToEnd(), $"built-in profile {name}");
            if (!string.Equals(profile.Name, name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The built-in profile '{name}' calls itself '{profile.Name}'.");
            }

            profiles.Add(name, profile);
        }

        return profiles.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

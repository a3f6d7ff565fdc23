using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// Drives <c>hotline run</c> with a JSON Lines script and checks the events it prints against
/// expectations written as compact JSON objects (spec protocol.md §1–§2). An expected object lists only
/// the fields that matter; each must equal the actual event's field. Two markers: the string
/// <c>"$absent"</c> means the field is missing or null, <c>"$falsy"</c> missing, null or false,
/// <c>"$any"</c> means it is present.
/// </summary>
internal static class Scenario
{
    public const string Catalog = "catalog-test.json";
    public const string CatalogV2 = "catalog-test-v2.json";
    public const string CatalogBad = "catalog-bad.json";

    public static string CatalogPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    public static ScenarioResult Run(string profile, params string[] lines) => RunWith(profile, Catalog, lines);

    public static ScenarioResult RunWith(string profile, string catalog, params string[] lines) =>
        RunArgs(["run", "--profile", profile, "--catalog", CatalogPath(catalog)], lines);

    /// <summary>Runs with the full argument list (e.g. with <c>--data</c>).</summary>
    public static ScenarioResult RunArgs(string[] args, params string[] lines)
    {
        var input = string.Join("\n", lines) + "\n";
        var (exit, stdout, stderr) = CliRunner.RunWithInput(input, args);
        var events = new List<JsonElement>();
        foreach (var line in stdout.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(trimmed);
            events.Add(doc.RootElement.Clone());
        }

        return new ScenarioResult(exit, events, stdout, stderr);
    }

    /// <summary>A <c>receive</c> command; <paramref name="extra"/> is appended inside the object (",\"urgent\":true").</summary>
    public static string Receive(string at, string ticket, string category = "noise", string region = "430102002",
        string kind = "complaint", string? phone = "13800000001", string extra = "")
    {
        var caller = phone is null ? "" : $",\"caller\":{{\"name\":\"Zhang\",\"phone\":\"{phone}\"}}";
        return $"{{\"op\":\"receive\",\"at\":\"{at}\",\"ticket\":\"{ticket}\",\"channel\":\"phone\",\"kind\":\"{kind}\"," +
               $"\"category\":\"{category}\",\"region\":\"{region}\"{caller}{extra}}}";
    }

    /// <summary>Any other command: op, at, ticket (null = none) and extra fields (",\"unit\":\"x\"").</summary>
    public static string Cmd(string op, string at, string? ticket = null, string extra = "")
    {
        var t = ticket is null ? "" : $",\"ticket\":\"{ticket}\"";
        return $"{{\"op\":\"{op}\",\"at\":\"{at}\"{t}{extra}}}";
    }
}

internal sealed class ScenarioResult(int exit, IReadOnlyList<JsonElement> events, string stdout, string stderr)
{
    public int Exit { get; } = exit;
    public IReadOnlyList<JsonElement> Events { get; } = events;
    public string Stdout { get; } = stdout;
    public string Stderr { get; } = stderr;

    /// <summary>Asserts the exit code 0, and exactly these events in this order.</summary>
    public ScenarioResult Expect(params string[] expected)
    {
        Assert.True(Exit == 0, $"exit {Exit}; stderr: {Stderr}");
        if (Events.Count != expected.Length)
        {
            Assert.Fail($"expected {expected.Length} events, got {Events.Count}:\n{Dump()}\nexpected:\n{string.Join("\n", expected)}");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            Match(i, expected[i]);
        }

        return this;
    }

    /// <summary>Asserts events starting at index <paramref name="from"/> (no count check).</summary>
    public ScenarioResult ExpectAt(int from, params string[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (from + i >= Events.Count)
            {
                Assert.Fail($"event #{from + i} missing; expected {expected[i]}\n{Dump()}");
            }

            Match(from + i, expected[i]);
        }

        return this;
    }

    /// <summary>The events (in order) whose <c>event</c> field is <paramref name="name"/>.</summary>
    public IReadOnlyList<JsonElement> Named(string name) =>
        Events.Where(e => e.TryGetProperty("event", out var v) && v.ValueKind == JsonValueKind.String &&
                          string.Equals(v.GetString(), name, StringComparison.Ordinal)).ToList();

    private void Match(int index, string expectedJson)
    {
        using var doc = JsonDocument.Parse(expectedJson);
        var actual = Events[index];
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            bool has = actual.TryGetProperty(prop.Name, out var value);
            if (prop.Value.ValueKind == JsonValueKind.String && prop.Value.GetString() == "$absent")
            {
                if (has && value.ValueKind != JsonValueKind.Null)
                {
                    Assert.Fail($"event #{index}: field '{prop.Name}' should be absent, was {value.GetRawText()}\nexpected {expectedJson}\n{Dump()}");
                }

                continue;
            }

            if (prop.Value.ValueKind == JsonValueKind.String && prop.Value.GetString() == "$falsy")
            {
                if (has && value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.False)
                {
                    Assert.Fail($"event #{index}: field '{prop.Name}' should be absent or false, was {value.GetRawText()}\nexpected {expectedJson}\n{Dump()}");
                }

                continue;
            }

            if (!has)
            {
                Assert.Fail($"event #{index}: field '{prop.Name}' missing\nexpected {expectedJson}\n{Dump()}");
            }

            if (prop.Value.ValueKind == JsonValueKind.String && prop.Value.GetString() == "$any")
            {
                continue;
            }

            if (!JsonEqual(prop.Value, value))
            {
                Assert.Fail($"event #{index}: field '{prop.Name}' expected {prop.Value.GetRawText()}, was {value.GetRawText()}\nexpected {expectedJson}\n{Dump()}");
            }
        }
    }

    public static bool JsonEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var pa = a.EnumerateObject().ToList();
                var pb = b.EnumerateObject().ToList();
                if (pa.Count != pb.Count)
                {
                    return false;
                }

                foreach (var p in pa)
                {
                    if (!b.TryGetProperty(p.Name, out var q) || !JsonEqual(p.Value, q))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                var xa = a.EnumerateArray().ToList();
                var xb = b.EnumerateArray().ToList();
                return xa.Count == xb.Count && xa.Zip(xb).All(t => JsonEqual(t.First, t.Second));
            case JsonValueKind.Number:
                return a.GetDecimal() == b.GetDecimal();
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            default:
                return true;
        }
    }

    public string Dump()
    {
        var sb = new StringBuilder();
        sb.Append("actual events:\n");
        for (int i = 0; i < Events.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  #{i} {Events[i].GetRawText()}\n");
        }

        if (Stderr.Length > 0)
        {
            sb.Append("stderr: ").Append(Stderr);
        }

        return sb.ToString();
    }
}

using System.Text.Json;

namespace Hotline.Cluster.Tests;

/// <summary>Reads event JSON lines in assertions.</summary>
internal static class Events
{
    public static string Name(string line) => Field(line, "event") ?? string.Empty;

    public static string? Field(string line, string name)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    public static string[] Names(IEnumerable<string> lines) => [.. lines.Select(Name)];
}

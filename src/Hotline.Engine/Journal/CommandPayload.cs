using System.Text;
using System.Text.Json;
using Hotline.Engine.Catalog;
using Hotline.Engine.Protocol;

namespace Hotline.Engine.Journal;

/// <summary>
/// A command as the journal keeps it, before sealing: its protocol JSON (<c>{"cmd": {...}}</c>), or,
/// for a line that could not be read, the line exactly as it came in (<c>{"raw": ..., "line": N}</c>); a <c>catalog</c> command also carries the catalog it loaded (or why it
/// could not), so a replay never depends on the file still being there.
/// </summary>
internal static class CommandPayload
{
    /// <summary>Writes the payload through a caller-owned writer (the journal reuses one per record).</summary>
    public static void Encode(EngineCommand c, Utf8JsonWriter w)
    {
        w.WriteStartObject();

        // A line that could not be read is kept as it came (its error must replay the same);
        // every other command in its protocol form, so what a host stamped on it (at, by) is
        // what replays, not the client's original text.
        if (c.RawJson is not null && (c.Malformed is not null || c.SchemaError is not null))
        {
            w.WriteString("raw", c.RawJson);
            w.WriteNumber("line", c.Line);
        }
        else
        {
            w.WritePropertyName("cmd");
            CommandWriter.Write(w, c, withCaller: true);
        }

        if (c.PreloadedCatalog is { } catalog)
        {
            w.WritePropertyName("catalog");
            w.WriteRawValue(CatalogJson(catalog));
        }

        if (c.PreloadError is { } error)
        {
            w.WriteString("catalogError", error);
        }

        w.WriteEndObject();
    }

    public static EngineCommand Decode(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        EngineCommand command;
        if (root.TryGetProperty("raw", out var raw))
        {
            int line = root.GetProperty("line").GetInt32();
            command = CommandReader.Read(raw.GetString()!, line)
                ?? throw new JournalException("a journal record holds a blank line");
        }
        else
        {
            command = CommandReader.Read(root.GetProperty("cmd").GetRawText(), 0)! with { RawJson = null };
        }

        if (root.TryGetProperty("catalog", out var catalog))
        {
            command = command with { PreloadedCatalog = DispatchCatalog.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(catalog.GetRawText()))) };
        }

        if (root.TryGetProperty("catalogError", out var error))
        {
            command = command with { PreloadError = error.GetString() };
        }

        return command;
    }

    /// <summary>A catalog's canonical JSON: equal catalogs give equal bytes.</summary>
    public static byte[] CatalogJson(DispatchCatalog catalog)
    {
        using var stream = new MemoryStream();
        catalog.WriteJson(stream);
        return stream.ToArray();
    }
}

using System.Text;
using System.Text.Json;
using Hotline.Engine.Protocol;

namespace Hotline.Host.Http;

/// <summary>
/// An event as the HTTP face handles it: its JSON exactly as the protocol writes it, with the few
/// fields the host routes and filters by. Built from an in-process engine's event or read from a
/// partition grain's JSON line, so the endpoints serve either alike. Immutable.
/// </summary>
/// <param name="Seq">The event's seq in its engine (0 for a read that is not an event of the record).</param>
/// <param name="Name">The wire name, e.g. <c>dispatched</c>.</param>
/// <param name="Ticket">The ticket, for ticket events.</param>
/// <param name="Unit">The unit (a dispatch's holder, a status's unit).</param>
/// <param name="Code">A rejection's or error's code.</param>
/// <param name="Message">A rejection's or error's message.</param>
/// <param name="Json">The event's UTF-8 JSON, without a newline.</param>
internal sealed record ServedEvent(long Seq, string Name, string? Ticket, string? Unit, string? Code, string? Message, ReadOnlyMemory<byte> Json)
{
    /// <summary>An engine's event, written with <paramref name="writer"/> (the JSON is copied).</summary>
    public static ServedEvent From(EngineEvent e, EventWriter writer)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(writer);
        return new ServedEvent(e.Seq, e.Name, e.Ticket, e.Unit, e.Code, e.Message, writer.ToUtf8(e).ToArray());
    }

    /// <summary>An event JSON line as the protocol writes it (e.g. from a partition grain).</summary>
    /// <exception cref="JsonException">The line is not an event object.</exception>
    public static ServedEvent Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var bytes = Encoding.UTF8.GetBytes(line);
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long seq = root.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        var name = Text("event") ?? throw new JsonException($"not an event (no \"event\"): {line}");
        return new ServedEvent(seq, name, Text("ticket"), Text("unit"), Text("code"), Text("message"), bytes);
    }
}

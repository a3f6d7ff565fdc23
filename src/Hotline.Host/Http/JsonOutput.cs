using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Hotline.Engine.Protocol;
using Hotline.Engine.Tickets;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Hotline.Host.Http;

/// <summary>
/// JSON bodies of the HTTP face: events exactly as the protocol writes them (<see cref="EventWriter"/>),
/// and a ticket's status with the protocol's field names. Stateless; each call uses its own writers.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Each event's JSON (copied, so they outlive the writer).</summary>
    public static List<ReadOnlyMemory<byte>> Events(IEnumerable<EngineEvent> events, DateTimeZone zone)
    {
        var writer = new EventWriter(zone);
        return [.. events.Select(e => (ReadOnlyMemory<byte>)writer.ToUtf8(e).ToArray())];
    }

    /// <summary>A 200 response whose body <paramref name="write"/> writes.</summary>
    public static IResult Ok(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            write(w);
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    /// <summary>Writes events as a JSON array.</summary>
    public static void WriteArray(Utf8JsonWriter w, IEnumerable<ReadOnlyMemory<byte>> events)
    {
        w.WriteStartArray();
        foreach (var e in events)
        {
            w.WriteRawValue(e.Span, skipInputValidation: true);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes a status's fields (spec §2 "States") into the current object.</summary>
    public static void WriteStatus(Utf8JsonWriter w, TicketStatus status, DateTimeZone zone)
    {
        w.WriteString("state", status.State);
        NullableString(w, "unit", status.Unit);
        NullableInstant(w, "signDue", status.SignDue, zone);
        NullableInstant(w, "returnDue", status.ReturnDue, zone);
        NullableInstant(w, "handleDue", status.HandleDue, zone);
        NullableString(w, "rating", status.Rating);
        w.WriteNumber("extensions", status.Extensions);
        if (status.Uncovered)
        {
            w.WriteBoolean("uncovered", true);
        }
    }

    /// <summary>Writes an instant as the protocol does, or null.</summary>
    public static void NullableInstant(Utf8JsonWriter w, string name, Instant? value, DateTimeZone zone)
    {
        if (value is { } instant)
        {
            w.WriteString(name, InstantText.Format(instant, zone));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

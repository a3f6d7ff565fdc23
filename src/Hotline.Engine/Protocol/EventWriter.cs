using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Hotline.Engine.Statistics;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Protocol;

/// <summary>
/// Writes events as JSON lines (spec §1 "Event envelope"): <c>seq</c>, <c>at</c>, <c>event</c>,
/// <c>ticket</c>, the event's fields, <c>by</c>; instants to the second in the profile zone's offset.
/// </summary>
/// <remarks>Not thread-safe: one writer per output stream.</remarks>
public sealed class EventWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Keep Chinese text and unit names readable; JSON Lines consumers read UTF-8.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly DateTimeZone _zone;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;

    /// <summary>Creates a writer that formats instants in <paramref name="zone"/>.</summary>
    public EventWriter(DateTimeZone zone)
    {
        _zone = zone ?? throw new ArgumentNullException(nameof(zone));
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>The event as one JSON line, without the newline.</summary>
    public string ToJson(EngineEvent e) => Encoding.UTF8.GetString(ToUtf8(e).Span);

    /// <summary>
    /// The event as UTF-8 JSON, without the newline. The memory is valid until the next call.
    /// </summary>
    public ReadOnlyMemory<byte> ToUtf8(EngineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        Write(e);
        _json.Flush();
        return _buffer.WrittenMemory;
    }

    private void Write(EngineEvent e)
    {
        var w = _json;
        w.WriteStartObject();
        w.WriteNumber("seq", e.Seq);
        if (e.At is { } at)
        {
            w.WriteString("at", Format(at));
        }

        w.WriteString("event", e.Name);
        String("ticket", e.Ticket);
        if (e.Id is not null)
        {
            w.WritePropertyName("id");
            w.WriteRawValue(e.Id, skipInputValidation: true);
        }

        Number("line", e.Line);
        String("code", e.Code);
        String("message", e.Message);
        String("category", e.Category);
        String("region", e.Region);
        if (e.Status is { } status)
        {
            w.WriteString("state", status.State);
            NullableString("unit", status.Unit);
            NullableInstant("signDue", status.SignDue);
            NullableInstant("returnDue", status.ReturnDue);
            NullableInstant("handleDue", status.HandleDue);
            NullableString("rating", status.Rating);
            w.WriteNumber("extensions", status.Extensions);
            if (status.Uncovered)
            {
                w.WriteBoolean("uncovered", true);
            }
        }

        String("reason", e.Reason);
        String("guidance", e.Guidance);
        String("redirect", e.Redirect);
        String("of", e.Of);
        if (e.Status is null)
        {
            String("state", e.State);
        }

        String("to", e.To);
        String("unit", e.Unit);
        if (e.Co is { } co)
        {
            w.WriteStartArray("co");
            foreach (var unit in co)
            {
                w.WriteStringValue(unit);
            }

            w.WriteEndArray();
        }

        String("subOffice", e.SubOffice);
        String("catalogVersion", e.CatalogVersion);
        Bool("byDefault", e.ByDefault);
        Instant("signDue", e.SignDue);
        Instant("returnDue", e.ReturnDue);
        Instant("handleDue", e.HandleDue);
        Number("days", e.Days);
        if (e.Promised is { } promised)
        {
            w.WriteString("promised", LocalDatePattern.Iso.Format(promised));
        }

        Bool("onTime", e.OnTime);
        String("mode", e.Mode);
        String("rating", e.Rating);
        Bool("auto", e.Auto);
        String("ground", e.Ground);
        String("clock", e.Clock);
        Instant("due", e.Due);
        Number("level", e.Level);
        String("version", e.Version);
        Number("count", e.Count);
        if (e.Baseline is { } baseline)
        {
            w.WriteNumber("baseline", baseline);
        }

        if (e.Report is { } report)
        {
            WriteReport(report);
        }

        String("by", e.By);
        if (e.Uncovered)
        {
            w.WriteBoolean("uncovered", true);
        }

        w.WriteEndObject();
    }

    private void WriteReport(Report report)
    {
        var w = _json;
        w.WriteString("from", Format(report.From));
        w.WriteString("to", Format(report.To));
        w.WriteStartObject("units");
        foreach (var (unit, c) in report.Units)
        {
            w.WriteStartObject(unit);
            w.WriteNumber("dispatched", c.Dispatched);
            w.WriteNumber("signedOnTime", c.SignedOnTime);
            w.WriteNumber("signedLate", c.SignedLate);
            w.WriteNumber("returned", c.Returned);
            w.WriteNumber("extended", c.Extended);
            w.WriteNumber("closed", c.Closed);
            w.WriteNumber("closedOnTime", c.ClosedOnTime);
            w.WriteNumber("overdue", c.Overdue);
            w.WriteNumber("satisfied", c.Satisfied);
            w.WriteNumber("basic", c.Basic);
            w.WriteNumber("unsatisfied", c.Unsatisfied);
            w.WriteNumber("redo", c.Redo);
            NullableDecimal("onTimeRate", c.OnTimeRate);
            NullableDecimal("satisfactionRate", c.SatisfactionRate);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private string Format(Instant instant) => InstantText.Format(instant, _zone);

    private void String(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }

    private void NullableString(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    private void Instant(string name, Instant? value)
    {
        if (value is { } v)
        {
            _json.WriteString(name, Format(v));
        }
    }

    private void NullableInstant(string name, Instant? value)
    {
        if (value is { } v)
        {
            _json.WriteString(name, Format(v));
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    private void NullableDecimal(string name, decimal? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    private void Number(string name, int? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
    }

    private void Bool(string name, bool? value)
    {
        if (value is { } v)
        {
            _json.WriteBoolean(name, v);
        }
    }
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Protocol;

/// <summary>
/// Writes an <see cref="EngineCommand"/> back as the protocol's JSON (spec §2), so that
/// <see cref="CommandReader.Read"/> reads the same command: the journal stores commands this way,
/// and hosts forward them. Instants keep their full precision, in UTC.
/// </summary>
public static class CommandWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The command as one JSON object (UTF-8); caller data is left out when <paramref name="withCaller"/> is false.</summary>
    public static byte[] ToUtf8(EngineCommand c, bool withCaller = true)
    {
        ArgumentNullException.ThrowIfNull(c);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            Write(w, c, withCaller);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the command as the next value of <paramref name="w"/>.</summary>
    internal static void Write(Utf8JsonWriter w, EngineCommand c, bool withCaller)
    {
        w.WriteStartObject();
        w.WriteString("op", CommandReader.OpName(c.Op));
        if (c.At is { } at)
        {
            w.WriteString("at", InstantPattern.ExtendedIso.Format(at));
        }

        Str(w, "ticket", c.Ticket);
        Str(w, "by", c.By);
        if (c.Id is not null)
        {
            w.WritePropertyName("id");
            w.WriteRawValue(c.Id);
        }

        switch (c.Op)
        {
            case CommandOp.Receive:
                Str(w, "channel", c.Channel);
                w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                Str(w, "category", c.Category);
                Str(w, "region", c.Region);
                if (withCaller && (c.CallerName is not null || c.CallerPhone is not null || c.CallerAnonymous))
                {
                    w.WritePropertyName("caller");
                    WriteCaller(w, c);
                }

                Str(w, "text", c.Text);
                Flag(w, "complex", c.Complex);
                if (c.Limit is { } limit)
                {
                    w.WriteString("limit", limit.ToString());
                }

                Str(w, "exclusion", c.Exclusion);
                Str(w, "emergency", c.Emergency);
                Flag(w, "newInformation", c.NewInformation);
                Flag(w, "urgent", c.Urgent);
                Str(w, "answer", c.Answer);
                break;
            case CommandOp.Dispatch:
                Str(w, "unit", c.Unit);
                if (c.Co is { } co)
                {
                    w.WriteStartArray("co");
                    foreach (var u in co)
                    {
                        w.WriteStringValue(u);
                    }

                    w.WriteEndArray();
                }

                break;
            case CommandOp.ReturnDecision or CommandOp.ExtendDecision or CommandOp.CloseDecision or CommandOp.AppealDecision:
                w.WriteBoolean("approve", c.Approve);
                Str(w, "unit", c.Unit);
                break;
            case CommandOp.Extend:
                Str(w, "unit", c.Unit);
                w.WriteNumber("days", c.Days);
                Str(w, "reason", c.Reason);
                break;
            case CommandOp.Report:
                if (c.From is { } from)
                {
                    w.WriteString("from", InstantPattern.ExtendedIso.Format(from));
                }

                if (c.To is { } to)
                {
                    w.WriteString("to", InstantPattern.ExtendedIso.Format(to));
                }

                Str(w, "unit", c.Unit);
                break;
            default:
                Str(w, "unit", c.Unit);
                Str(w, "reason", c.Reason);
                Str(w, "text", c.Text);
                if (c.Promised is { } promised)
                {
                    w.WriteString("promised", LocalDatePattern.Iso.Format(promised));
                }

                Str(w, "reply", c.Reply);
                Str(w, "mode", c.Mode);
                Str(w, "rating", c.Rating);
                Str(w, "ground", c.Ground);
                Str(w, "file", c.File);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteCaller(Utf8JsonWriter w, EngineCommand c)
    {
        w.WriteStartObject();
        Str(w, "name", c.CallerName);
        Str(w, "phone", c.CallerPhone);
        Flag(w, "anonymous", c.CallerAnonymous);
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Flag(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }
}

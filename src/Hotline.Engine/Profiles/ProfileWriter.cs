using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline.Engine.Calendar;

namespace Hotline.Engine.Profiles;

/// <summary>
/// Writes a <see cref="PolicyProfile"/> as the JSON of spec §4, every field present (unset ones as
/// <c>null</c>), so that <see cref="PolicyProfile.Parse"/> of the text gives back an equal profile.
/// Stateless; thread-safe.
/// </summary>
internal static class ProfileWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // Sources quote the Chinese text; keep it readable. The output is a file, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(PolicyProfile profile)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("name", profile.Name);
            WriteStringOrNull(w, "zone", profile.Zone?.Id);
            w.WriteString("periodEnd", ProfileWire.Name(profile.PeriodEnd));
            WriteBusinessHours(w, profile.BusinessHours);
            WriteDuration(w, "duplicateWindow", profile.DuplicateWindow);

            w.WriteStartObject("clocks");
            WriteClock(w, "sign", profile.Sign);
            WriteClock(w, "return", profile.Return);
            WriteHandle(w, profile.Handle);
            if (profile.CallbackAuto is { } auto)
            {
                w.WriteStartObject("callbackAuto");
                WriteDuration(w, "limit", auto.Limit);
                WriteDuration(w, "urgent", auto.Urgent);
                w.WriteString("default", ProfileWire.Name(auto.DefaultRating));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("callbackAuto");
            }

            WriteLimit(w, "manualCallback", profile.ManualCallback);
            WriteLimit(w, "appeal", profile.Appeal);
            w.WriteEndObject();

            w.WriteStartObject("extension");
            WriteIntOrNull(w, "maxCount", profile.Extension.MaxCount);
            WriteIntOrNull(w, "maxTotalDays", profile.Extension.MaxTotalDays);
            WriteDuration(w, "applyBefore", profile.Extension.ApplyBefore);
            w.WriteEndObject();

            if (profile.Warning is { } warning)
            {
                w.WriteStartObject("warning");
                WriteDuration(w, "before", warning.Before);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("warning");
            }

            w.WriteStartArray("supervision");
            foreach (var step in profile.Supervision)
            {
                w.WriteStartObject();
                w.WriteNumber("level", step.Level);
                WriteDuration(w, "after", step.After);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            if (profile.Hotspot is { } hotspot)
            {
                w.WriteStartObject("hotspot");
                WriteDuration(w, "window", hotspot.Window);
                w.WriteNumber("min", hotspot.Min);
                w.WriteNumber("factor", hotspot.Factor);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("hotspot");
            }

            w.WriteStartArray("assumed");
            foreach (string note in profile.Assumed)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();

            w.WriteStartObject("sources");
            foreach (var (field, article) in profile.Sources)
            {
                w.WriteString(field, article);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteBusinessHours(Utf8JsonWriter w, BusinessHours? hours)
    {
        if (hours is null)
        {
            w.WriteNull("businessHours");
            return;
        }

        w.WriteStartArray("businessHours");
        foreach (var (open, close) in hours.Intervals)
        {
            w.WriteStartArray();
            w.WriteStringValue(Time(open));
            w.WriteStringValue(Time(close));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteClock(Utf8JsonWriter w, string name, ClockRule? clock)
    {
        if (clock is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        WriteDuration(w, "limit", clock.Limit);
        w.WriteString("from", ProfileWire.Name(clock.From));
        WriteDuration(w, "urgent", clock.Urgent);
        w.WriteEndObject();
    }

    private static void WriteLimit(Utf8JsonWriter w, string name, LimitRule? clock)
    {
        if (clock is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        WriteDuration(w, "limit", clock.Limit);
        WriteDuration(w, "urgent", clock.Urgent);
        w.WriteEndObject();
    }

    private static void WriteHandle(Utf8JsonWriter w, HandleClockRule? handle)
    {
        if (handle is null)
        {
            w.WriteNull("handle");
            return;
        }

        w.WriteStartObject("handle");
        w.WriteString("from", ProfileWire.Name(handle.From));
        WriteKindLimits(w, "limit", handle.Limit);
        WriteKindLimits(w, "complex", handle.Complex);
        WriteKindLimits(w, "urgent", handle.Urgent);
        w.WriteEndObject();
    }

    private static void WriteKindLimits(Utf8JsonWriter w, string name, KindLimits? limits)
    {
        if (limits is null)
        {
            w.WriteNull(name);
            return;
        }

        if (limits.ByKind.IsEmpty && limits.Default is { } all)
        {
            w.WriteString(name, all.ToString());
            return;
        }

        w.WriteStartObject(name);
        foreach (var (kind, limit) in limits.ByKind)
        {
            w.WriteString(ProfileWire.Name(kind), limit.ToString());
        }

        if (limits.Default is { } rest)
        {
            w.WriteString(ProfileWire.DefaultKey, rest.ToString());
        }

        w.WriteEndObject();
    }

    private static void WriteDuration(Utf8JsonWriter w, string name, WorkingDuration? duration) =>
        WriteStringOrNull(w, name, duration?.ToString());

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
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

    private static void WriteIntOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Time(int minuteOfDay) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}");
}

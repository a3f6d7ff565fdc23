using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Calendar;

/// <summary>
/// Instants as the protocol writes them (spec §1 "Time"): ISO-8601 with an offset, such as
/// <c>2026-03-02T09:15:00+08:00</c>. Input may omit seconds and may carry fractional seconds; an
/// instant without an offset is refused. Output is whole seconds (truncated) in a zone's offset.
/// </summary>
public static class InstantText
{
    private static readonly OffsetDateTimePattern[] Inputs =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly OffsetDateTimePattern Output =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <summary>Parses an instant with an offset; false when the text is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var pattern in Inputs)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                instant = result.Value.ToInstant();
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses an instant with an offset.</summary>
    /// <exception cref="FormatException">The text is not an ISO-8601 instant with an offset; the message names it.</exception>
    public static Instant Parse(string text) => TryParse(text, out var instant)
        ? instant
        : throw new FormatException($"'{text}' is not an ISO-8601 instant with an offset, e.g. 2026-03-02T09:15:00+08:00.");

    /// <summary>Formats <paramref name="instant"/> to the second (truncated) in <paramref name="zone"/>'s offset.</summary>
    public static string Format(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        long ticks = instant.ToUnixTimeTicks();
        long truncated = ticks - (((ticks % NodaConstants.TicksPerSecond) + NodaConstants.TicksPerSecond) % NodaConstants.TicksPerSecond);
        var whole = Instant.FromUnixTimeTicks(truncated);
        return Output.Format(whole.WithOffset(zone.GetUtcOffset(whole)));
    }
}

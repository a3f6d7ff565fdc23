using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Calendar;

/// <summary>
/// The opening hours of a working day as sorted, non-overlapping local intervals, e.g.
/// 08:30–12:00 and 13:30–17:30 (the default of spec §3). Working hours (<c>wh</c>) are counted
/// inside them; <see cref="PeriodEnd.CloseOfBusiness"/> ends a day at the last close.
/// </summary>
/// <remarks>Immutable; thread-safe. An interval may end at 24:00, written <c>24:00</c>.</remarks>
public sealed class BusinessHours : IEquatable<BusinessHours>
{
    private const int MinutesPerDay = 24 * 60;

    // Opening and closing minute of day per interval, sorted; close ≤ 1440.
    private readonly ImmutableArray<(int Open, int Close)> _intervals;

    private BusinessHours(ImmutableArray<(int Open, int Close)> intervals)
    {
        _intervals = intervals;
        TotalMinutes = intervals.Sum(i => i.Close - i.Open);
    }

    /// <summary>08:30–12:00 and 13:30–17:30, the default of spec §3.</summary>
    public static BusinessHours Default { get; } = Parse([["08:30", "12:00"], ["13:30", "17:30"]], "businessHours");

    /// <summary>The intervals as (opening, closing) minutes of the day, sorted.</summary>
    public ImmutableArray<(int Open, int Close)> Intervals => _intervals;

    /// <summary>Business minutes in one working day (450 for the default).</summary>
    public int TotalMinutes { get; }

    /// <summary>The minute of day at which the day's last interval closes (1050 = 17:30 for the default).</summary>
    public int CloseMinute => _intervals[^1].Close;

    /// <summary>
    /// Builds business hours from <c>[["08:30","12:00"],["13:30","17:30"]]</c>-shaped pairs.
    /// </summary>
    /// <param name="pairs">Each pair is an opening and a closing time, <c>HH:mm</c>.</param>
    /// <param name="field">The name of the field being read, used in error messages.</param>
    /// <exception cref="FormatException">
    /// A time is malformed, an interval is empty or inverted, or two intervals overlap; the message
    /// names the field and every bad value.
    /// </exception>
    public static BusinessHours Parse(IReadOnlyList<IReadOnlyList<string>> pairs, string field)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var problems = new List<string>();
        var intervals = new List<(int Open, int Close)>();
        if (pairs.Count == 0)
        {
            problems.Add($"{field}: at least one interval is required");
        }

        for (int i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (pair is null || pair.Count != 2)
            {
                problems.Add($"{field}[{i}]: expected a pair [\"HH:mm\", \"HH:mm\"]");
                continue;
            }

            int? open = ParseMinute(pair[0], $"{field}[{i}][0]", problems);
            int? close = ParseMinute(pair[1], $"{field}[{i}][1]", problems);
            if (open is null || close is null)
            {
                continue;
            }

            if (close <= open)
            {
                problems.Add($"{field}[{i}]: interval {pair[0]}–{pair[1]} is inverted or empty (the close must be after the opening)");
                continue;
            }

            intervals.Add((open.Value, close.Value));
        }

        intervals.Sort();
        for (int i = 1; i < intervals.Count; i++)
        {
            if (intervals[i].Open < intervals[i - 1].Close)
            {
                problems.Add($"{field}: intervals {Format(intervals[i - 1])} and {Format(intervals[i])} overlap");
            }
        }

        if (problems.Count > 0)
        {
            throw new FormatException(string.Join("; ", problems));
        }

        return new BusinessHours([.. intervals]);
    }

    /// <summary>
    /// Business minutes of a working day that lie before <paramref name="minuteOfDay"/>
    /// (0 ≤ minute ≤ 1440). O(intervals).
    /// </summary>
    internal int MinutesBefore(int minuteOfDay)
    {
        int total = 0;
        foreach (var (open, close) in _intervals)
        {
            if (minuteOfDay <= open)
            {
                break;
            }

            total += Math.Min(minuteOfDay, close) - open;
        }

        return total;
    }

    /// <summary>
    /// The minute of day at which <paramref name="businessMinutes"/> (0 &lt; n ≤ <see cref="TotalMinutes"/>)
    /// business minutes have passed since the day's opening. A count that ends exactly at a closing
    /// time ends there, not at the next opening (spec §3).
    /// </summary>
    internal int MinuteAfter(int businessMinutes)
    {
        foreach (var (open, close) in _intervals)
        {
            int length = close - open;
            if (businessMinutes <= length)
            {
                return open + businessMinutes;
            }

            businessMinutes -= length;
        }

        return CloseMinute;
    }

    /// <inheritdoc/>
    public bool Equals(BusinessHours? other) =>
        other is not null && _intervals.SequenceEqual(other._intervals);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BusinessHours);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var i in _intervals)
        {
            hash.Add(i);
        }

        return hash.ToHashCode();
    }

    /// <summary>The intervals as <c>08:30-12:00,13:30-17:30</c>.</summary>
    public override string ToString() => string.Join(",", _intervals.Select(Format));

    private static int? ParseMinute(string? text, string field, List<string> problems)
    {
        if (text == "24:00")
        {
            return MinutesPerDay;
        }

        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text ?? string.Empty);
        if (!result.Success)
        {
            problems.Add($"{field}: '{text}' is not a time of day HH:mm");
            return null;
        }

        return (result.Value.Hour * 60) + result.Value.Minute;
    }

    private static string Format((int Open, int Close) i) =>
        string.Create(CultureInfo.InvariantCulture, $"{i.Open / 60:00}:{i.Open % 60:00}-{i.Close / 60:00}:{i.Close % 60:00}");
}

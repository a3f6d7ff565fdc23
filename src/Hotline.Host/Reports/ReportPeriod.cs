using System.Globalization;
using System.Text.RegularExpressions;
using Hotline.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Host.Reports;

/// <summary>
/// The window a report or bulletin covers: a calendar month in the engine's zone, or any
/// [from, to) given as instants. Also names the local days the daily statistics are read for.
/// </summary>
/// <param name="From">The window's start (inclusive).</param>
/// <param name="To">The window's end (exclusive).</param>
/// <param name="Label">How the bulletin names the period: <c>2026-03</c>, or a range of dates or instants.</param>
/// <param name="FileStem">The period as it appears in a default file name.</param>
/// <param name="FirstDay">The local day <see cref="From"/> falls on.</param>
/// <param name="EndDay">The local day after the one holding the last instant before <see cref="To"/>.</param>
internal sealed partial record ReportPeriod(Instant From, Instant To, string Label, string FileStem, LocalDate FirstDay, LocalDate EndDay)
{
    /// <summary>The days of the period, in order.</summary>
    public IEnumerable<LocalDate> Days
    {
        get
        {
            for (var d = FirstDay; d < EndDay; d = d.PlusDays(1))
            {
                yield return d;
            }
        }
    }

    /// <summary>The calendar month holding <paramref name="day"/>, midnight to midnight in <paramref name="zone"/>.</summary>
    public static ReportPeriod Month(LocalDate day, DateTimeZone zone)
    {
        var first = new LocalDate(day.Year, day.Month, 1);
        var next = first.PlusMonths(1);
        string label = first.ToString("yyyy'-'MM", CultureInfo.InvariantCulture);
        return new ReportPeriod(zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(next).ToInstant(), label, label, first, next);
    }

    /// <summary>Any window [from, to); labelled by its dates when it runs midnight to midnight.</summary>
    public static ReportPeriod Range(Instant from, Instant to, DateTimeZone zone)
    {
        var start = from.InZone(zone);
        var end = to.InZone(zone);
        var first = start.Date;
        var last = (to - Duration.Epsilon).InZone(zone).Date;
        string firstText = LocalDatePattern.Iso.Format(first), lastText = LocalDatePattern.Iso.Format(last);
        bool wholeDays = start.TimeOfDay == LocalTime.Midnight && end.TimeOfDay == LocalTime.Midnight;
        string label = wholeDays
            ? (first == last ? firstText : $"{firstText} – {lastText}")
            : $"{InstantText.Format(from, zone)} – {InstantText.Format(to, zone)}";
        string stem = first == last ? firstText : $"{firstText}_{lastText}";
        return new ReportPeriod(from, to, label, stem, first, last.PlusDays(1));
    }

    /// <summary>
    /// Reads <c>--month</c> or <c>--from</c>/<c>--to</c>; with neither, the month of the engine clock.
    /// Returns null and sets <paramref name="error"/> (one line) when they are unusable.
    /// </summary>
    public static ReportPeriod? Resolve(string? month, string? from, string? to, Instant? clock, DateTimeZone zone, out string? error)
    {
        error = null;
        if (month is not null && (from is not null || to is not null))
        {
            error = "--month cannot be combined with --from/--to; give one or the other";
            return null;
        }

        if (month is not null)
        {
            var parsed = MonthText().IsMatch(month) ? LocalDatePattern.Iso.Parse(month + "-01") : null;
            if (parsed is not { Success: true })
            {
                error = $"--month: '{month}' is not a month like 2026-03";
                return null;
            }

            return Month(parsed.Value, zone);
        }

        if (from is not null || to is not null)
        {
            if (from is null || to is null)
            {
                error = "--from and --to go together: give both, e.g. --from 2026-03-01T00:00+08:00 --to 2026-03-16T00:00+08:00";
                return null;
            }

            if (!InstantText.TryParse(from, out var a))
            {
                error = $"--from: '{from}' is not an ISO-8601 instant with an offset, e.g. 2026-03-01T00:00+08:00";
                return null;
            }

            if (!InstantText.TryParse(to, out var b))
            {
                error = $"--to: '{to}' is not an ISO-8601 instant with an offset, e.g. 2026-04-01T00:00+08:00";
                return null;
            }

            if (b <= a)
            {
                error = $"--to ({to}) must be after --from ({from})";
                return null;
            }

            return Range(a, b, zone);
        }

        if (clock is not { } now)
        {
            error = "the data directory holds no events yet, so there is no default month; give --month or --from/--to";
            return null;
        }

        return Month(now.InZone(zone).Date, zone);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthText();
}

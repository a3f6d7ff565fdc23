using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Calendar;

/// <summary>
/// Reads the days off and working days of an iCalendar (RFC 5545) holiday feed: the subset that
/// holiday feeds use — VEVENTs with a DTSTART, and a DTEND or DURATION in whole days. A VEVENT
/// whose SUMMARY contains 班 (as in "上班" or "补班") or whose CATEGORIES include WORKDAY marks
/// working days; any other VEVENT marks days off. Recurring events (RRULE) are refused, since a
/// holiday notice names its dates.
/// </summary>
internal static class IcsHolidayFeed
{
    private static readonly LocalDatePattern BasicDate = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    public static (List<LocalDate> Holidays, List<LocalDate> Workdays) Read(string text, List<string> problems)
    {
        var holidays = new List<LocalDate>();
        var workdays = new List<LocalDate>();
        var lines = Unfold(text);
        bool sawCalendar = false;
        Event? current = null;
        foreach (var (number, line) in lines)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                if (line.Length > 0)
                {
                    problems.Add($"line {number}: '{Shorten(line)}' is not a NAME:VALUE content line");
                }

                continue;
            }

            string head = line[..colon];
            string value = line[(colon + 1)..];
            int semicolon = head.IndexOf(';', StringComparison.Ordinal);
            string name = (semicolon < 0 ? head : head[..semicolon]).ToUpperInvariant();
            switch (name)
            {
                case "BEGIN" when value.Equals("VCALENDAR", StringComparison.OrdinalIgnoreCase):
                    sawCalendar = true;
                    break;
                case "BEGIN" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    current = new Event(number);
                    break;
                case "END" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && current is not null:
                    current.Emit(holidays, workdays, problems);
                    current = null;
                    break;
                case "DTSTART" when current is not null:
                    current.Start = ParseDate(value, number, "DTSTART", problems);
                    break;
                case "DTEND" when current is not null:
                    current.End = ParseDate(value, number, "DTEND", problems);
                    break;
                case "DURATION" when current is not null:
                    current.Days = ParseDays(value, number, problems);
                    break;
                case "SUMMARY" when current is not null:
                    current.Summary = Unescape(value);
                    break;
                case "CATEGORIES" when current is not null:
                    current.Categories.AddRange(Unescape(value).Split(',', StringSplitOptions.TrimEntries));
                    break;
                case "RRULE" or "RDATE" when current is not null:
                    problems.Add($"line {number}: recurring events ({name}) are not supported: list each holiday's dates");
                    break;
            }
        }

        if (!sawCalendar)
        {
            problems.Add("not an iCalendar feed: no BEGIN:VCALENDAR line");
        }

        if (current is not null)
        {
            problems.Add($"line {current.Line}: VEVENT is not closed by END:VEVENT");
        }

        return (holidays, workdays);
    }

    private static List<(int Number, string Line)> Unfold(string text)
    {
        var result = new List<(int, string)>();
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            // RFC 5545 §3.1: a line that starts with a space or tab continues the previous one.
            if (raw[i].Length > 0 && (raw[i][0] == ' ' || raw[i][0] == '\t') && result.Count > 0)
            {
                var (n, previous) = result[^1];
                result[^1] = (n, previous + raw[i][1..]);
            }
            else
            {
                result.Add((i + 1, raw[i].TrimEnd('\r')));
            }
        }

        return result;
    }

    private static LocalDate? ParseDate(string value, int line, string name, List<string> problems)
    {
        // DATE (20260216) or DATE-TIME (20260216T000000[Z]): holidays are whole days, so the date part counts.
        string datePart = value.Length >= 8 ? value[..8] : value;
        var parsed = BasicDate.Parse(datePart);
        if (!parsed.Success || (value.Length > 8 && value[8] != 'T'))
        {
            problems.Add($"line {line}: {name} '{value}' is not a date yyyyMMdd");
            return null;
        }

        return parsed.Value;
    }

    private static int? ParseDays(string value, int line, List<string> problems)
    {
        // Whole days only: P3D or P1W.
        if (value.Length >= 3 && value[0] == 'P'
            && int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && (value[^1] == 'D' || value[^1] == 'W'))
        {
            return value[^1] == 'W' ? n * 7 : n;
        }

        problems.Add($"line {line}: DURATION '{value}' is not a whole number of days (P3D or P1W)");
        return null;
    }

    private static string Unescape(string value) => value
        .Replace("\\n", "\n", StringComparison.OrdinalIgnoreCase)
        .Replace("\\,", ",", StringComparison.Ordinal)
        .Replace("\\;", ";", StringComparison.Ordinal)
        .Replace("\\\\", "\\", StringComparison.Ordinal);

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";

    private sealed class Event(int line)
    {
        public int Line { get; } = line;

        public LocalDate? Start { get; set; }

        public LocalDate? End { get; set; }

        public int? Days { get; set; }

        public string Summary { get; set; } = string.Empty;

        public List<string> Categories { get; } = [];

        public void Emit(List<LocalDate> holidays, List<LocalDate> workdays, List<string> problems)
        {
            if (Start is not { } start)
            {
                problems.Add($"line {Line}: VEVENT has no valid DTSTART");
                return;
            }

            // DTEND is exclusive for all-day events (RFC 5545 §3.6.1); no DTEND and no DURATION is one day.
            var end = End ?? start.PlusDays(Days ?? 1);
            if (end <= start)
            {
                problems.Add($"line {Line}: VEVENT ends ({CalendarFile.FormatDate(end)}) before or on its start ({CalendarFile.FormatDate(start)})");
                return;
            }

            if (Period.DaysBetween(start, end) > 366)
            {
                problems.Add($"line {Line}: VEVENT spans more than a year; a holiday feed lists single holidays");
                return;
            }

            bool working = Summary.Contains('班', StringComparison.Ordinal)
                || Categories.Any(c => c.Equals("WORKDAY", StringComparison.OrdinalIgnoreCase));
            var target = working ? workdays : holidays;
            for (var d = start; d < end; d = d.PlusDays(1))
            {
                target.Add(d);
            }
        }
    }
}

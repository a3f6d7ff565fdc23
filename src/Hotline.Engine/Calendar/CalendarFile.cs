using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Calendar;

/// <summary>
/// A holiday schedule file as spec §3 gives it:
/// <c>{"zone": "Asia/Shanghai", "holidays": [...], "workdays": [...], "businessHours": [["08:30","12:00"],...],
/// "covers": [2027], "replace": false}</c>, or an iCalendar (.ics) holiday feed (<see cref="ParseIcs"/>).
/// </summary>
/// <remarks>
/// Immutable; thread-safe. The file's schedule replaces the built-in one for the years it covers
/// (<c>covers</c>, by default the years its dates fall in); with <c>replace</c> it replaces the
/// built-in schedule entirely (<see cref="ApplyTo"/>).
/// </remarks>
public sealed class CalendarFile
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private CalendarFile(HolidaySchedule schedule, DateTimeZone? zone, BusinessHours? businessHours, bool replace)
    {
        Schedule = schedule;
        Zone = zone;
        BusinessHours = businessHours;
        Replace = replace;
    }

    /// <summary>The dates and covered years the file gives.</summary>
    public HolidaySchedule Schedule { get; }

    /// <summary>The file's time zone, or null when it names none.</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>The file's business hours, or null when it gives none.</summary>
    public BusinessHours? BusinessHours { get; }

    /// <summary>True when the file replaces the built-in schedule entirely.</summary>
    public bool Replace { get; }

    /// <summary>The file's name as given, and its text: a data directory's journal keeps both.</summary>
    internal string SourceName { get; private init; } = "";

    internal string SourceText { get; private init; } = "";

    /// <summary>Loads a calendar file: <c>.ics</c> as an iCalendar feed, anything else as JSON.</summary>
    /// <exception cref="CalendarException">The file cannot be read or is invalid; the message names it and every problem.</exception>
    public static CalendarFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CalendarException($"{path}: cannot read the calendar file: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses a calendar file's text: <c>.ics</c> names an iCalendar feed, anything else JSON.</summary>
    internal static CalendarFile Parse(string text, string name)
    {
        var file = name.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? ParseIcs(text, name) : ParseJson(text, name);
        return new CalendarFile(file.Schedule, file.Zone, file.BusinessHours, file.Replace) { SourceName = name, SourceText = text };
    }

    /// <summary>Parses the JSON calendar format of spec §3.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file's name, used in error messages.</param>
    /// <exception cref="CalendarException">The JSON is invalid; every problem is named.</exception>
    public static CalendarFile ParseJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CalendarException(source, [$"not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = new List<string>();
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CalendarException(source, ["expected a JSON object with holidays, workdays and optional zone, businessHours, covers, replace"]);
            }

            var holidays = ReadDates(root, "holidays", problems);
            var workdays = ReadDates(root, "workdays", problems);
            DateTimeZone? zone = null;
            if (root.TryGetProperty("zone", out var zoneElement) && zoneElement.ValueKind != JsonValueKind.Null)
            {
                zone = ReadZone(zoneElement, "zone", problems);
            }

            BusinessHours? hours = null;
            if (root.TryGetProperty("businessHours", out var hoursElement) && hoursElement.ValueKind != JsonValueKind.Null)
            {
                hours = ReadBusinessHours(hoursElement, "businessHours", problems);
            }

            bool replace = false;
            if (root.TryGetProperty("replace", out var replaceElement) && replaceElement.ValueKind != JsonValueKind.Null)
            {
                if (replaceElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    replace = replaceElement.GetBoolean();
                }
                else
                {
                    problems.Add($"replace: expected true or false, got {replaceElement.GetRawText()}");
                }
            }

            List<int>? covers = null;
            if (root.TryGetProperty("covers", out var coversElement) && coversElement.ValueKind != JsonValueKind.Null)
            {
                covers = ReadYears(coversElement, problems);
            }

            return Build(source, holidays, workdays, covers, zone, hours, replace, problems);
        }
    }

    /// <summary>
    /// Parses an iCalendar (RFC 5545) holiday feed. Each VEVENT marks the dates from DTSTART up to
    /// (not including) DTEND, or DTSTART alone: a working day when its SUMMARY contains 班 or its
    /// CATEGORIES include WORKDAY, otherwise a day off. The feed covers the years its dates fall in.
    /// </summary>
    /// <param name="text">The feed's text.</param>
    /// <param name="source">The feed's name, used in error messages.</param>
    /// <exception cref="CalendarException">The feed is invalid; every problem is named with its line.</exception>
    public static CalendarFile ParseIcs(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        var (holidays, workdays) = IcsHolidayFeed.Read(text, problems);
        return Build(source, holidays, workdays, covers: null, zone: null, hours: null, replace: false, problems);
    }

    /// <summary>
    /// The schedule to use given the built-in one: this file's schedule alone when it replaces, else
    /// the built-in schedule with this file's years replaced.
    /// </summary>
    public HolidaySchedule ApplyTo(HolidaySchedule builtIn)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        return Replace ? Schedule : builtIn.Overlay(Schedule);
    }

    internal static string FormatDate(LocalDate date) => DatePattern.Format(date);

    internal static DateTimeZone? ReadZone(JsonElement element, string field, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{field}: expected a time zone id such as \"Asia/Shanghai\", got {element.GetRawText()}");
            return null;
        }

        var id = element.GetString()!;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
        {
            problems.Add($"{field}: '{id}' is not a known time zone (IANA ids such as Asia/Shanghai)");
        }

        return zone;
    }

    internal static BusinessHours? ReadBusinessHours(JsonElement element, string field, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{field}: expected [[\"HH:mm\",\"HH:mm\"], ...], got {element.GetRawText()}");
            return null;
        }

        var pairs = new List<IReadOnlyList<string>>();
        int index = 0;
        foreach (var pair in element.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                || pair.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
            {
                problems.Add($"{field}[{index}]: expected a pair [\"HH:mm\", \"HH:mm\"], got {pair.GetRawText()}");
                return null;
            }

            pairs.Add([.. pair.EnumerateArray().Select(p => p.GetString()!)]);
            index++;
        }

        try
        {
            return BusinessHours.Parse(pairs, field);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    private static CalendarFile Build(
        string source,
        List<LocalDate> holidays,
        List<LocalDate> workdays,
        List<int>? covers,
        DateTimeZone? zone,
        BusinessHours? hours,
        bool replace,
        List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new CalendarException(source, problems);
        }

        var years = covers ?? [.. holidays.Concat(workdays).Select(d => d.Year).Distinct()];
        try
        {
            return new CalendarFile(new HolidaySchedule(years, holidays, workdays), zone, hours, replace);
        }
        catch (CalendarException e)
        {
            throw new CalendarException(source, e.Problems);
        }
    }

    private static List<LocalDate> ReadDates(JsonElement root, string field, List<string> problems)
    {
        var dates = new List<LocalDate>();
        if (!root.TryGetProperty(field, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return dates;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{field}: expected an array of dates \"yyyy-MM-dd\", got {array.GetRawText()}");
            return dates;
        }

        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var parsed = item.ValueKind == JsonValueKind.String ? DatePattern.Parse(item.GetString()!) : null;
            if (parsed is { Success: true })
            {
                dates.Add(parsed.Value);
            }
            else
            {
                problems.Add($"{field}[{index}]: {item.GetRawText()} is not a date yyyy-MM-dd");
            }

            index++;
        }

        return dates;
    }

    private static List<int>? ReadYears(JsonElement element, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"covers: expected an array of years such as [2027], got {element.GetRawText()}");
            return null;
        }

        var years = new List<int>();
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int year) && year is >= 1 and <= 9998)
            {
                years.Add(year);
            }
            else
            {
                problems.Add($"covers[{index}]: {item.GetRawText()} is not a year");
            }

            index++;
        }

        return years;
    }
}

using System.Collections.Frozen;
using NodaTime;

namespace Hotline.Engine.Calendar;

/// <summary>
/// The facts of a holiday schedule: which years it covers, which dates are public holidays (days
/// off, weekend days inside a holiday included) and which weekend dates are declared working days
/// (调休). A date in no covered year is a plain weekday or weekend day (spec §3).
/// </summary>
/// <remarks>
/// Immutable; thread-safe. The built-in <see cref="ChinaMainland"/> schedule carries the State
/// Council General Office notices for 2024–2026; a later year is added by a calendar file
/// (<see cref="CalendarFile"/>) and <see cref="Overlay"/>.
/// </remarks>
public sealed class HolidaySchedule
{
    private static readonly Lazy<HolidaySchedule> BuiltIn = new(LoadBuiltIn);

    /// <summary>
    /// Creates a schedule. Every date must fall in a covered year, and no date may be both a holiday
    /// and a working day.
    /// </summary>
    /// <exception cref="CalendarException">Some date breaks a rule; every such date is named.</exception>
    public HolidaySchedule(IEnumerable<int> coveredYears, IEnumerable<LocalDate> holidays, IEnumerable<LocalDate> workdays)
    {
        ArgumentNullException.ThrowIfNull(coveredYears);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(workdays);
        var years = coveredYears.ToFrozenSet();
        var off = holidays.ToFrozenSet();
        var on = workdays.ToFrozenSet();
        var problems = new List<string>();
        foreach (var year in years.Order())
        {
            if (year is < 1 or > 9998)
            {
                problems.Add($"covers: {year} is not a supported year (1–9998)");
            }
        }

        foreach (var date in off.Intersect(on).Order())
        {
            problems.Add($"{Iso(date)} is listed both as a holiday and as a working day");
        }

        foreach (var date in off.Concat(on).Where(d => !years.Contains(d.Year)).Distinct().Order())
        {
            problems.Add($"{Iso(date)} lies outside the covered years ({string.Join(", ", years.Order())})");
        }

        if (problems.Count > 0)
        {
            throw new CalendarException("holiday schedule", problems);
        }

        CoveredYears = years;
        Holidays = off;
        Workdays = on;
    }

    /// <summary>A schedule that covers no year: every date is a plain weekday or weekend day.</summary>
    public static HolidaySchedule Empty { get; } = new([], [], []);

    /// <summary>
    /// Mainland China's public holidays and declared working days for 2024–2026, from the State
    /// Council General Office notices (embedded in the library).
    /// </summary>
    public static HolidaySchedule ChinaMainland => BuiltIn.Value;

    /// <summary>The years this schedule covers.</summary>
    public IReadOnlySet<int> CoveredYears { get; }

    /// <summary>Public holidays: days off, including weekend days inside a holiday.</summary>
    public IReadOnlySet<LocalDate> Holidays { get; }

    /// <summary>Weekend dates declared working days (调休).</summary>
    public IReadOnlySet<LocalDate> Workdays { get; }

    /// <summary>True when <paramref name="year"/> is covered by this schedule.</summary>
    public bool Covers(int year) => CoveredYears.Contains(year);

    /// <summary>
    /// A new schedule in which <paramref name="overlay"/> replaces this one for the years it covers,
    /// and this one's other years stay (spec §3: adding 2027 is a file of 2027 dates).
    /// </summary>
    public HolidaySchedule Overlay(HolidaySchedule overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        return new HolidaySchedule(
            CoveredYears.Union(overlay.CoveredYears),
            Holidays.Where(d => !overlay.Covers(d.Year)).Concat(overlay.Holidays),
            Workdays.Where(d => !overlay.Covers(d.Year)).Concat(overlay.Workdays));
    }

    private static HolidaySchedule LoadBuiltIn()
    {
        const string name = "Hotline.Engine.Calendar.cn-mainland.json";
        using var stream = typeof(HolidaySchedule).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The built-in holiday schedule resource '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return CalendarFile.ParseJson(reader.ReadToEnd(), "built-in cn-mainland schedule").Schedule;
    }

    private static string Iso(LocalDate date) => CalendarFile.FormatDate(date);
}

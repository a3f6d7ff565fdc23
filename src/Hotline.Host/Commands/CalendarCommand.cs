using System.CommandLine;
using Hotline.Engine.Calendar;
using NodaTime;

namespace Hotline.Host.Commands;

/// <summary><c>hotline calendar due|check</c>: working-day arithmetic from the command line.</summary>
internal static class CalendarCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("calendar", "Working-day calendar: compute dues and check holiday files.");
        command.Subcommands.Add(CreateDue(stdout, stderr));
        command.Subcommands.Add(CreateCheck(stdout, stderr));
        return command;
    }

    private static Command CreateDue(TextWriter stdout, TextWriter stderr)
    {
        var from = new Option<string>("--from") { Description = "The start instant, ISO-8601 with offset, e.g. 2026-02-13T16:00+08:00.", Required = true };
        var limit = new Option<string>("--limit") { Description = "The limit: 3wd (working days), 4wh (working hours), 72h (hours) or 2d (days).", Required = true };
        var calendarFile = new Option<string?>("--calendar") { Description = "A holiday file (JSON of spec §3, or .ics) that replaces the built-in schedule for the years it covers." };
        var zone = new Option<string?>("--zone") { Description = "Time zone id (default: the calendar file's, else Asia/Shanghai)." };
        var periodEnd = new Option<string>("--period-end") { Description = "Where a working-day period ends: endOfDay (24:00, default) or closeOfBusiness.", DefaultValueFactory = _ => "endOfDay" };
        var fromDue = new Option<bool>("--from-due") { Description = "Treat --from as a due and count working days from its last day (extensions, supervision steps)." };
        var command = new Command("due", """
            Prints the due of a limit that starts at an instant.
            Example: hotline calendar due --from 2026-02-13T16:00+08:00 --limit 2wd
                     2026-02-25T00:00:00+08:00
            """)
        {
            from, limit, calendarFile, zone, periodEnd, fromDue,
        };
        command.SetAction(parse =>
        {
            if (!InstantText.TryParse(parse.GetValue(from), out var start))
            {
                stderr.WriteLine($"hotline: --from: '{parse.GetValue(from)}' is not an ISO-8601 instant with an offset, e.g. 2026-02-13T16:00+08:00");
                return HotlineCli.BadInput;
            }

            if (!WorkingDuration.TryParse(parse.GetValue(limit), out var duration))
            {
                stderr.WriteLine($"hotline: --limit: '{parse.GetValue(limit)}' is not a duration: use e.g. 3wd, 4wh, 72h or 2d");
                return HotlineCli.BadInput;
            }

            if (!TryParsePeriodEnd(parse.GetValue(periodEnd), out var end))
            {
                stderr.WriteLine($"hotline: --period-end: '{parse.GetValue(periodEnd)}' must be endOfDay or closeOfBusiness");
                return HotlineCli.BadInput;
            }

            if (!TryBuildCalendar(parse.GetValue(calendarFile), parse.GetValue(zone), end, stderr, out var calendar))
            {
                return HotlineCli.BadInput;
            }

            var due = parse.GetValue(fromDue) ? calendar.AddFromDue(start, duration) : calendar.Add(start, duration);
            stdout.WriteLine(InstantText.Format(due.Instant, calendar.Zone));
            if (due.Uncovered)
            {
                stderr.WriteLine("hotline: warning: this due counts days of a year the holiday schedule does not cover "
                    + $"(covered: {string.Join(", ", calendar.Schedule.CoveredYears.Order())}); add that year's notice with --calendar");
            }

            return HotlineCli.Ok;
        });
        return command;
    }

    private static Command CreateCheck(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "A holiday file: JSON (spec §3) or an iCalendar .ics feed." };
        var command = new Command("check", """
            Validates a holiday file and prints what it covers, or every problem in it.
            Example: hotline calendar check holidays-2027.json
            """)
        {
            file,
        };
        command.SetAction(parse =>
        {
            try
            {
                var loaded = CalendarFile.Load(parse.GetValue(file)!);
                var s = loaded.Schedule;
                stdout.WriteLine($"covers: {string.Join(", ", s.CoveredYears.Order())}");
                stdout.WriteLine($"holidays: {s.Holidays.Count}, declared working days: {s.Workdays.Count}");
                stdout.WriteLine($"zone: {loaded.Zone?.Id ?? "(none: the profile's or Asia/Shanghai)"}");
                stdout.WriteLine($"business hours: {loaded.BusinessHours?.ToString() ?? "(none: the profile's or 08:30-12:00,13:30-17:30)"}");
                stdout.WriteLine($"mode: {(loaded.Replace ? "replaces the built-in schedule" : "replaces the built-in schedule for the years it covers")}");
                return HotlineCli.Ok;
            }
            catch (CalendarException e)
            {
                stderr.WriteLine($"hotline: {e.Message}");
                return HotlineCli.BadInput;
            }
        });
        return command;
    }

    internal static bool TryParsePeriodEnd(string? text, out PeriodEnd periodEnd)
    {
        periodEnd = text switch
        {
            "endOfDay" => PeriodEnd.EndOfDay,
            "closeOfBusiness" => PeriodEnd.CloseOfBusiness,
            _ => (PeriodEnd)(-1),
        };
        return Enum.IsDefined(periodEnd);
    }

    internal static bool TryBuildCalendar(string? file, string? zoneId, PeriodEnd periodEnd, TextWriter stderr, out WorkingCalendar calendar)
    {
        calendar = WorkingCalendar.Default;
        CalendarFile? loaded = null;
        if (file is not null)
        {
            try
            {
                loaded = CalendarFile.Load(file);
            }
            catch (CalendarException e)
            {
                stderr.WriteLine($"hotline: {e.Message}");
                return false;
            }
        }

        DateTimeZone? zone = loaded?.Zone;
        if (zoneId is not null)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                stderr.WriteLine($"hotline: --zone: '{zoneId}' is not a known time zone (IANA ids such as Asia/Shanghai)");
                return false;
            }
        }

        var schedule = loaded?.ApplyTo(HolidaySchedule.ChinaMainland) ?? HolidaySchedule.ChinaMainland;
        calendar = new WorkingCalendar(schedule, zone, loaded?.BusinessHours, periodEnd);
        return true;
    }
}

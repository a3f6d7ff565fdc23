using Hotline.Engine.Calendar;
using NodaTime;

namespace Hotline.Engine.Tests.Calendar;

/// <summary>
/// The plain day-by-day way, written straight from spec §3, to check the table arithmetic against.
/// Slow on purpose: every answer walks the days one at a time.
/// </summary>
internal sealed class ReferenceCalendar(HolidaySchedule schedule, DateTimeZone zone, BusinessHours hours, PeriodEnd periodEnd)
{
    public bool IsWorkingDay(LocalDate d) =>
        !schedule.Holidays.Contains(d)
        && (schedule.Workdays.Contains(d) || d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday));

    public Instant EndOf(LocalDate d) => periodEnd == PeriodEnd.EndOfDay
        ? zone.AtStartOfDay(d.PlusDays(1)).ToInstant()
        : zone.AtLeniently(d.At(LocalTime.FromMinutesSinceMidnight(hours.CloseMinute))).ToInstant();

    public Instant AddWorkingDays(Instant t, int n)
    {
        if (n == 0)
        {
            return t;
        }

        var d = t.InZone(zone).Date;
        int counted = 0;
        while (counted < n)
        {
            d = d.PlusDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }

        return EndOf(d);
    }

    /// <summary>Minute by minute inside business hours; <paramref name="t"/> must be a whole minute.</summary>
    public Instant AddWorkingHours(Instant t, int hoursToAdd)
    {
        long remaining = hoursToAdd * 60L;
        if (remaining == 0)
        {
            return t;
        }

        var local = t.InZone(zone).LocalDateTime;
        var date = local.Date;
        int minute = (local.Hour * 60) + local.Minute;
        while (true)
        {
            bool inside = IsWorkingDay(date) && hours.Intervals.Any(i => minute >= i.Open && minute < i.Close);
            if (inside)
            {
                remaining--;
                minute++;
                if (remaining == 0)
                {
                    return minute == 24 * 60
                        ? zone.AtStartOfDay(date.PlusDays(1)).ToInstant()
                        : zone.AtLeniently(date.At(LocalTime.FromMinutesSinceMidnight(minute))).ToInstant();
                }
            }
            else
            {
                minute++;
            }

            if (minute >= 24 * 60)
            {
                date = date.PlusDays(1);
                minute = 0;
            }
        }
    }

    public int WorkingDaysBetween(Instant from, Instant to)
    {
        var a = from.InZone(zone).Date;
        var b = to.InZone(zone).Date;
        int count = 0;
        for (var d = a.PlusDays(1); d <= b; d = d.PlusDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    public Instant WarningBefore(Instant due, int days)
    {
        var last = due.Minus(Duration.FromTicks(1)).InZone(zone).Date;
        while (!IsWorkingDay(last))
        {
            last = last.PlusDays(-1);
        }

        int counted = 1;
        while (counted < days)
        {
            last = last.PlusDays(-1);
            if (IsWorkingDay(last))
            {
                counted++;
            }
        }

        return zone.AtStartOfDay(last).ToInstant();
    }
}

using BenchmarkDotNet.Attributes;
using Hotline.Engine.Calendar;
using NodaTime;

namespace Hotline.Bench;

/// <summary>
/// N working days from an instant: the calendar's precomputed tables against the plain way
/// (a day-by-day loop over <see cref="LocalDate"/> checking a HashSet of holidays and one of
/// working weekend days). Each invocation computes <see cref="Starts"/> dues from starts spread
/// over 2024–2026, so Mean is the cost of one due.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private const int Starts = 1024;

    private readonly WorkingCalendar _calendar = WorkingCalendar.Default;
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private readonly HashSet<LocalDate> _holidays = [.. HolidaySchedule.ChinaMainland.Holidays];
    private readonly HashSet<LocalDate> _workdays = [.. HolidaySchedule.ChinaMainland.Workdays];
    private readonly Instant[] _starts = new Instant[Starts];

    /// <summary>The limit in working days.</summary>
    [Params(1, 10, 200)]
    public int Days { get; set; }

    /// <summary>Starts at pseudo-random minutes of 2024–2026 (fixed seed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260213);
        var first = Instant.FromUtc(2024, 1, 1, 0, 0);
        for (int i = 0; i < Starts; i++)
        {
            _starts[i] = first + Duration.FromMinutes(random.Next(0, 3 * 365 * 24 * 60));
        }
    }

    /// <summary>The plain way: walk the days one by one.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Starts)]
    public long DayByDayLoop()
    {
        long sum = 0;
        foreach (var start in _starts)
        {
            var date = start.InZone(_zone).Date;
            int counted = 0;
            while (counted < Days)
            {
                date = date.PlusDays(1);
                bool working = !_holidays.Contains(date)
                    && (_workdays.Contains(date) || date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday));
                if (working)
                {
                    counted++;
                }
            }

            sum += _zone.AtStartOfDay(date.PlusDays(1)).ToInstant().ToUnixTimeTicks();
        }

        return sum;
    }

    /// <summary>The calendar's table arithmetic.</summary>
    [Benchmark(OperationsPerInvoke = Starts)]
    public long WorkingCalendarTables()
    {
        long sum = 0;
        foreach (var start in _starts)
        {
            sum += _calendar.AddWorkingDays(start, Days).Instant.ToUnixTimeTicks();
        }

        return sum;
    }
}

using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly WorkingCalendar China = WorkingCalendar.Default;
    private static readonly WorkingCalendar ChinaCob = China.WithPeriodEnd(PeriodEnd.CloseOfBusiness);

    internal static Instant I(string text) =>
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<G>").Parse(text).GetValueOrThrow().ToInstant();

    internal static string S(Instant instant, DateTimeZone? zone = null) =>
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>").Format(instant.InZone(zone ?? Shanghai).ToOffsetDateTime());

    // ---- the worked examples of spec §3 -----------------------------------------------------

    [Fact]
    public void Add_ThreeWorkingDaysFromMonday_EndsThursdayAtMidnight()
    {
        var due = China.Add(I("2026-03-02T09:15:00+08:00"), WorkingDuration.Parse("3wd"));
        Assert.Equal("2026-03-06T00:00:00+08:00", S(due.Instant));
        Assert.False(due.Uncovered);
    }

    [Fact]
    public void Add_TwoWorkingDaysAcrossSpringFestival_UsesWorkingSaturdayThenSkipsHoliday()
    {
        var due = China.Add(I("2026-02-13T16:00:00+08:00"), WorkingDuration.Parse("2wd"));
        Assert.Equal("2026-02-25T00:00:00+08:00", S(due.Instant));
    }

    [Fact]
    public void Add_StartAtExactlyMidnight_DayOfStartDoesNotCount()
    {
        // Spec §3: the day of t does not count, also at exactly 00:00.
        var due = China.Add(I("2026-03-02T00:00:00+08:00"), WorkingDuration.Parse("1wd"));
        Assert.Equal("2026-03-04T00:00:00+08:00", S(due.Instant));
    }

    [Fact]
    public void Add_CloseOfBusiness_EndsAtLastClose()
    {
        var due = ChinaCob.Add(I("2026-03-02T09:15:00+08:00"), WorkingDuration.Parse("3wd"));
        Assert.Equal("2026-03-05T17:30:00+08:00", S(due.Instant));
    }

    [Fact]
    public void Add_AcrossNationalDay2026_SkipsGoldenWeekAndUsesMakeUpSaturday()
    {
        // 2026-10-01..07 off, 2026-10-10 (Sat) a working day; 09-30 is a Wednesday.
        var due = China.Add(I("2026-09-30T10:00:00+08:00"), WorkingDuration.Parse("3wd"));
        Assert.Equal("2026-10-11T00:00:00+08:00", S(due.Instant)); // 10-08, 10-09, 10-10
    }

    [Theory]
    [InlineData("2026-03-02T08:30:00+08:00", "3wh", "2026-03-02T11:30:00+08:00")]
    [InlineData("2026-03-02T08:30:00+08:00", "7wh", "2026-03-02T17:00:00+08:00")] // 3.5 h morning + 3.5 h from 13:30
    [InlineData("2026-03-02T07:00:00+08:00", "1wh", "2026-03-02T09:30:00+08:00")] // starts at the next opening
    [InlineData("2026-03-02T12:30:00+08:00", "1wh", "2026-03-02T14:30:00+08:00")] // lunch break skipped
    [InlineData("2026-03-06T16:30:00+08:00", "4wh", "2026-03-09T11:30:00+08:00")] // Fri → Mon
    [InlineData("2026-02-13T17:00:00+08:00", "4wh", "2026-02-14T12:00:00+08:00")] // Sat 02-14 works; ends at 12:00, not 13:30
    public void Add_WorkingHours_CountInsideBusinessHours(string start, string limit, string expected)
    {
        Assert.Equal(expected, S(China.Add(I(start), WorkingDuration.Parse(limit)).Instant));
    }

    [Fact]
    public void Add_WorkingHoursEndingAtClose_EndsAtCloseNotNextOpening()
    {
        // 08:30 + 3.5 h would be 12:00 exactly; use 4wh from 08:00 (counts from 08:30) → 12:00 + 0.5 h = 14:00.
        Assert.Equal("2026-03-02T14:00:00+08:00", S(China.Add(I("2026-03-02T08:00:00+08:00"), WorkingDuration.Parse("4wh")).Instant));
        // 13:30 + 4 h is exactly the 17:30 close: it ends there.
        Assert.Equal("2026-03-02T17:30:00+08:00", S(China.Add(I("2026-03-02T13:30:00+08:00"), WorkingDuration.Parse("4wh")).Instant));
    }

    [Theory]
    [InlineData("72h", "2026-02-16T16:00:00+08:00")]
    [InlineData("2d", "2026-02-15T16:00:00+08:00")]
    public void Add_ElapsedTime_IsCalendarBlind(string limit, string expected)
    {
        Assert.Equal(expected, S(China.Add(I("2026-02-13T16:00:00+08:00"), WorkingDuration.Parse(limit)).Instant));
    }

    // ---- offsets from a due, warnings, pauses -----------------------------------------------

    [Fact]
    public void AddFromDue_CountsFromDuesLastDay()
    {
        // A due at 00:00 of 03-06 ends on 03-05; +1wd → end of 03-06.
        var due = China.AddFromDue(I("2026-03-06T00:00:00+08:00"), WorkingDuration.Parse("1wd"));
        Assert.Equal("2026-03-07T00:00:00+08:00", S(due.Instant));
    }

    [Fact]
    public void Before_OneWorkingDay_IsMidnightOfTheLastDay()
    {
        var warning = China.Before(I("2026-03-06T00:00:00+08:00"), WorkingDuration.Parse("1wd"));
        Assert.Equal("2026-03-05T00:00:00+08:00", S(warning.Instant));
    }

    [Fact]
    public void Before_LastDayNotWorking_CountsLatestWorkingDayBefore()
    {
        // Spec §7.9: a due at 24:00 of Saturday 03-07 counts Friday 03-06 as the 1st day, so 2wd warns at 00:00 of 03-05.
        var warning = China.Before(I("2026-03-08T00:00:00+08:00"), WorkingDuration.Parse("2wd"));
        Assert.Equal("2026-03-05T00:00:00+08:00", S(warning.Instant));
    }

    [Fact]
    public void Before_WorkingHours_EarliestInstantWithThatMuchLeft()
    {
        // Due 14:30 Monday; 1wh left at 12:00 (not 13:30): from 12:00 exactly 1 h of business time remains.
        var warning = China.Before(I("2026-03-02T14:30:00+08:00"), WorkingDuration.Parse("1wh"));
        Assert.Equal("2026-03-02T12:00:00+08:00", S(warning.Instant));
    }

    [Fact]
    public void WorkingDaysBetween_CountsDaysAfterFromUpToAndIncludingTo()
    {
        // Return on Fri 02-13, decided Tue 02-24: working days 02-14 and 02-24.
        Assert.Equal(2, China.WorkingDaysBetween(I("2026-02-13T10:00:00+08:00"), I("2026-02-24T09:00:00+08:00")));
        Assert.Equal(0, China.WorkingDaysBetween(I("2026-03-02T10:00:00+08:00"), I("2026-03-02T16:00:00+08:00")));
    }

    [Fact]
    public void WorkingTimeBetween_CountsBusinessHoursOnly()
    {
        var time = China.WorkingTimeBetween(I("2026-03-06T16:00:00+08:00"), I("2026-03-09T10:00:00+08:00"));
        Assert.Equal(Duration.FromMinutes(90 + 90), time);
    }

    [Fact]
    public void WorkingDayTimeBetween_CountsWholeWorkingDays()
    {
        var time = China.WorkingDayTimeBetween(I("2026-03-06T12:00:00+08:00"), I("2026-03-10T00:00:00+08:00"));
        Assert.Equal(Duration.FromHours(12 + 24), time); // Fri afternoon+evening, all of Monday
    }

    // ---- the built-in schedule -----------------------------------------------------------------

    public static TheoryData<string, bool> EveryBuiltInDate()
    {
        var data = new TheoryData<string, bool>();
        var path = Path.Combine(AppContext.BaseDirectory, "cn-mainland-holidays.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var d in doc.RootElement.GetProperty("holidays").EnumerateArray())
        {
            data.Add(d.GetString()!, false);
        }

        foreach (var d in doc.RootElement.GetProperty("workdays").EnumerateArray())
        {
            data.Add(d.GetString()!, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryBuiltInDate))]
    public void IsWorkingDay_EveryBuiltInHolidayAndMakeUpDay(string date, bool working)
    {
        Assert.Equal(working, China.IsWorkingDay(LocalDatePattern.Iso.Parse(date).Value));
    }

    [Fact]
    public void ChinaMainland_Covers2024To2026Only()
    {
        Assert.True(China.Covers(2024) && China.Covers(2025) && China.Covers(2026));
        Assert.False(China.Covers(2027));
        Assert.False(China.Covers(2023));
    }

    // ---- coverage (spec §3, §7.14) ------------------------------------------------------------

    [Fact]
    public void Add_IntoUncoveredYear_SaysUncovered()
    {
        var due = China.Add(I("2026-12-30T10:00:00+08:00"), WorkingDuration.Parse("3wd"));
        Assert.True(due.Uncovered);
        Assert.Equal("2027-01-05T00:00:00+08:00", S(due.Instant)); // 12-31, (01-01 is Fri: plain weekday) 01-01, 01-04
    }

    [Fact]
    public void Add_DueAtMidnightOfDecember31_ConsultsOnlyThatDay()
    {
        var due = China.Add(I("2026-12-30T10:00:00+08:00"), WorkingDuration.Parse("1wd"));
        Assert.Equal("2027-01-01T00:00:00+08:00", S(due.Instant));
        Assert.False(due.Uncovered);
    }

    [Fact]
    public void Add_ElapsedHours_NeverUncovered()
    {
        Assert.False(China.Add(I("2026-12-30T10:00:00+08:00"), WorkingDuration.Parse("72h")).Uncovered);
    }

    // ---- zones with daylight saving -------------------------------------------------------------

    [Fact]
    public void Add_BerlinAcrossSpringForward_EndsAtLocalMidnight()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var calendar = new WorkingCalendar(HolidaySchedule.Empty, berlin);
        // 2026-03-29 (Sun) clocks go forward. Fri 03-27 10:00 + 1wd → end of Mon 03-30, now +02:00.
        var due = calendar.Add(I("2026-03-27T10:00:00+01:00"), WorkingDuration.Parse("1wd"));
        Assert.Equal("2026-03-31T00:00:00+02:00", S(due.Instant, berlin));
        Assert.True(due.Uncovered); // an empty schedule covers no year
    }

    [Fact]
    public void Add_BerlinWorkingHoursAcrossFallBack_CountsLocalBusinessHours()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var calendar = new WorkingCalendar(HolidaySchedule.Empty, berlin);
        // 2026-10-25 (Sun) clocks go back. Fri 10-23 17:00 + 1wh → Mon 10-26 09:00 (+01:00).
        var due = calendar.Add(I("2026-10-23T17:00:00+02:00"), WorkingDuration.Parse("1wh"));
        Assert.Equal("2026-10-26T09:00:00+01:00", S(due.Instant, berlin));
    }

    // ---- laws (FsCheck) -------------------------------------------------------------------------

    private static readonly Instant RangeStart = I("2023-06-01T00:00:00+08:00");

    /// <summary>Instants at whole minutes from mid-2023 to early 2028 (covered and uncovered years).</summary>
    private static Gen<Instant> Starts =>
        Gen.Choose(0, 4 * 365 * 24 * 60 + 200 * 24 * 60).Select(m => RangeStart + Duration.FromMinutes(m));

    private static readonly ReferenceCalendar Reference =
        new(HolidaySchedule.ChinaMainland, Shanghai, BusinessHours.Default, PeriodEnd.EndOfDay);

    private static readonly ReferenceCalendar ReferenceCob =
        new(HolidaySchedule.ChinaMainland, Shanghai, BusinessHours.Default, PeriodEnd.CloseOfBusiness);

    [Property(MaxTest = 300)]
    public Property AddWorkingDays_AgreesWithDayByDayReference() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(0, 250).ToArbitrary(), (t, n) =>
            China.AddWorkingDays(t, n).Instant == Reference.AddWorkingDays(t, n)
            && ChinaCob.AddWorkingDays(t, n).Instant == ReferenceCob.AddWorkingDays(t, n));

    [Property(MaxTest = 200)]
    public Property AddWorkingHours_AgreesWithMinuteByMinuteReference() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(), (t, h) =>
            China.Add(t, WorkingDuration.WorkingHours(h)).Instant == Reference.AddWorkingHours(t, h));

    [Property(MaxTest = 300)]
    public Property WorkingDaysBetween_AgreesWithReference() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), (t, days) =>
        {
            var u = t + Duration.FromHours(days * 7);
            return China.WorkingDaysBetween(t, u) == Reference.WorkingDaysBetween(t, u);
        });

    [Property(MaxTest = 300)]
    public Property Before_WorkingDays_AgreesWithReference() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (t, n, before) =>
        {
            var due = China.AddWorkingDays(t, n).Instant;
            return China.Before(due, WorkingDuration.WorkingDays(before)).Instant == Reference.WarningBefore(due, before);
        });

    [Property(MaxTest = 300)]
    public Property ExtendingADue_EqualsAddingTheSum() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(1, 60).ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(), (t, a, b) =>
        {
            foreach (var calendar in new[] { China, ChinaCob })
            {
                var due = calendar.AddWorkingDays(t, a).Instant;
                if (calendar.AddFromDue(due, WorkingDuration.WorkingDays(b)).Instant != calendar.AddWorkingDays(t, a + b).Instant)
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property AddWorkingDays_IsMonotonicInStartAndCount() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(0, 5000).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (t, minutes, n) =>
        {
            var later = t + Duration.FromMinutes(minutes);
            return China.AddWorkingDays(t, n).Instant <= China.AddWorkingDays(later, n).Instant
                && China.AddWorkingDays(t, n).Instant <= China.AddWorkingDays(t, n + 1).Instant;
        });

    [Property(MaxTest = 300)]
    public Property WorkingDayDue_AlwaysEndsAWorkingDay() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(1, 200).ToArbitrary(), (t, n) =>
        {
            foreach (var calendar in new[] { China, ChinaCob })
            {
                var due = calendar.AddWorkingDays(t, n).Instant;
                var last = calendar.LastDayOf(due);
                if (!calendar.IsWorkingDay(last) || Reference.EndOf(last) != due && ReferenceCob.EndOf(last) != due)
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property WorkingTimeOfAWorkingHoursInterval_IsThoseHours() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), (t, h) =>
        {
            var due = China.Add(t, WorkingDuration.WorkingHours(h)).Instant;
            return China.WorkingTimeBetween(t, due) == Duration.FromHours(h);
        });

    [Property(MaxTest = 200)]
    public Property Before_WorkingHours_LeavesExactlyThatMuch() =>
        Prop.ForAll(Starts.ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (t, limit, before) =>
        {
            var due = China.Add(t, WorkingDuration.WorkingHours(limit)).Instant;
            var warn = China.Before(due, WorkingDuration.WorkingHours(before)).Instant;
            return China.WorkingTimeBetween(warn, due) == Duration.FromHours(before);
        });
}

using Hotline.Engine.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Tests.Calendar;

public class CalendarFileTests
{
    private static LocalDate D(string s) => LocalDatePattern.Iso.Parse(s).Value;

    private const string File2027 = """
        {"zone": "Asia/Shanghai",
         "holidays": ["2027-01-01", "2027-02-05", "2027-02-08"],
         "workdays": ["2027-02-06"],
         "businessHours": [["09:00","12:00"],["14:00","18:00"]]}
        """;

    [Fact]
    public void ParseJson_CoversTheYearsOfItsDates_AndAddsThemToTheBuiltIn()
    {
        var file = CalendarFile.ParseJson(File2027, "2027.json");
        Assert.Equal([2027], file.Schedule.CoveredYears);
        var schedule = file.ApplyTo(HolidaySchedule.ChinaMainland);
        Assert.True(schedule.Covers(2026) && schedule.Covers(2027));
        var calendar = new WorkingCalendar(schedule);
        Assert.False(calendar.IsWorkingDay(D("2027-02-05")));      // from the file
        Assert.True(calendar.IsWorkingDay(D("2027-02-06")));       // a working Saturday from the file
        Assert.False(calendar.IsWorkingDay(D("2026-10-01")));      // the built-in years stay
        Assert.Equal("09:00-12:00,14:00-18:00", file.BusinessHours!.ToString());
        Assert.Equal("Asia/Shanghai", file.Zone!.Id);
    }

    [Fact]
    public void ParseJson_ForACoveredYear_ReplacesThatYearOnly()
    {
        var file = CalendarFile.ParseJson("""{"holidays": ["2026-03-02"], "covers": [2026]}""", "f.json");
        var calendar = new WorkingCalendar(file.ApplyTo(HolidaySchedule.ChinaMainland));
        Assert.False(calendar.IsWorkingDay(D("2026-03-02")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-01")));   // 2026 is now only what the file says
        Assert.False(calendar.IsWorkingDay(D("2025-10-01")));  // 2025 stays built-in
    }

    [Fact]
    public void ParseJson_Replace_DropsTheBuiltInSchedule()
    {
        var file = CalendarFile.ParseJson("""{"holidays": ["2027-01-01"], "replace": true}""", "f.json");
        var schedule = file.ApplyTo(HolidaySchedule.ChinaMainland);
        Assert.Equal([2027], schedule.CoveredYears);
    }

    [Fact]
    public void ParseJson_EveryProblemIsNamed()
    {
        const string json = """
            {"zone": "Asia/Shanghia",
             "holidays": ["2027-02-30", "2027-01-04", 5],
             "workdays": ["2027-01-04"],
             "businessHours": [["08:30","12:00"],["11:30","17:30"],["18:00","17:00"]],
             "covers": ["x"]}
            """;
        var e = Assert.Throws<CalendarException>(() => CalendarFile.ParseJson(json, "bad.json"));
        Assert.StartsWith("bad.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Problems, p => p.Contains("'Asia/Shanghia' is not a known time zone", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("holidays[0]: \"2027-02-30\" is not a date", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("holidays[2]: 5 is not a date", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("overlap", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("18:00–17:00 is inverted", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("covers[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseJson_DateBothHolidayAndWorkday_IsAnError()
    {
        var e = Assert.Throws<CalendarException>(() =>
            CalendarFile.ParseJson("""{"holidays": ["2027-01-04"], "workdays": ["2027-01-04"]}""", "both.json"));
        Assert.Contains("2027-01-04 is listed both as a holiday and as a working day", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJson_DateOutsideCovers_IsAnError()
    {
        var e = Assert.Throws<CalendarException>(() =>
            CalendarFile.ParseJson("""{"holidays": ["2028-01-03"], "covers": [2027]}""", "c.json"));
        Assert.Contains("2028-01-03 lies outside the covered years (2027)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJson_NotJson_SaysSo()
    {
        var e = Assert.Throws<CalendarException>(() => CalendarFile.ParseJson("{holidays:", "x.json"));
        Assert.Contains("x.json: not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var e = Assert.Throws<CalendarException>(() => CalendarFile.Load("/no/such/calendar.json"));
        Assert.Contains("/no/such/calendar.json", e.Message, StringComparison.Ordinal);
    }

    private const string Feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270205\r\nDTEND;VALUE=DATE:20270212\r\nSUMMARY:春节 休\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20270131\r\nSUMMARY:春节 补\r\n 班\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:3\r\nDTSTART:20270220T000000\r\nDURATION:P1D\r\nSUMMARY:Make-up day\r\nCATEGORIES:HOLIDAY,WORKDAY\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:4\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:New Year\r\nEND:VEVENT\r\n"
        + "END:VCALENDAR\r\n";

    [Fact]
    public void ParseIcs_MarksDaysOffAndWorkingDays()
    {
        var file = CalendarFile.ParseIcs(Feed, "cn.ics");
        var s = file.Schedule;
        Assert.Equal([2027], s.CoveredYears);
        Assert.Equal(8, s.Holidays.Count); // 02-05..02-11 and 01-01
        Assert.Contains(D("2027-02-11"), s.Holidays);
        Assert.DoesNotContain(D("2027-02-12"), s.Holidays); // DTEND is exclusive
        Assert.Contains(D("2027-01-31"), s.Workdays);        // folded SUMMARY "补\r\n 班" contains 班
        Assert.Contains(D("2027-02-20"), s.Workdays);        // CATEGORIES WORKDAY
    }

    [Fact]
    public void ParseIcs_BadFeed_NamesEachLine()
    {
        const string bad = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2027013\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20270101\nRRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR\n";
        var e = Assert.Throws<CalendarException>(() => CalendarFile.ParseIcs(bad, "bad.ics"));
        Assert.Contains(e.Problems, p => p.Contains("line 3: DTSTART '2027013' is not a date", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("line 2: VEVENT has no valid DTSTART", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("line 7: recurring events (RRULE)", StringComparison.Ordinal));
    }

    [Fact]
    public void BusinessHours_24Close_IsAccepted()
    {
        var hours = BusinessHours.Parse([["00:00", "24:00"]], "businessHours");
        Assert.Equal(24 * 60, hours.TotalMinutes);
    }
}

using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// Each built-in profile end to end (docs/profiles.md numbers), across the 2026 Spring Festival
/// (02-15..02-23 off; Sat 02-14 and Sat 02-28 working), National Day (10-01..10-07 off; Sun 09-20 and
/// Sat 10-10 working), Labour Day (05-01..05-05 off; Sat 05-09 working); §3 arithmetic; §7.14 uncovered.
/// </summary>
public class ProfileScenarioTests
{
    [Fact]
    public void Changsha_SpringFestival_SignHandleWarningCloseAutoRating()
    {
        Run("changsha-2020",
            Receive("2026-02-13T16:00:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Cmd("sign", "2026-02-14T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Cmd("close", "2026-02-26T15:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
            Cmd("close-decision", "2026-02-26T16:00:00+08:00", "T1", ",\"approve\":true"),
            Cmd("callback", "2026-02-26T16:30:00+08:00", "T1", ",\"mode\":\"auto\""),
            Cmd("advance", "2026-03-01T16:30:00+08:00"),
            Cmd("query", "2026-03-01T17:00:00+08:00", "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1","at":"2026-02-13T16:00:00+08:00"}""",
            // signDue 1wd from Fri 02-13: the 1st working day after is Sat 02-14 (调休) → end of 02-14.
            """{"event":"dispatched","ticket":"T1","unit":"city-env","signDue":"2026-02-15T00:00:00+08:00","handleDue":"$absent","returnDue":"$absent"}""",
            // From Sat 02-14: 02-15..02-23 off. return 2wd: 02-24, 02-25 → 02-26T00:00; consultation 3wd: 02-24, 25, 26 → 02-27T00:00.
            """{"event":"signed","ticket":"T1","at":"2026-02-14T10:00:00+08:00","unit":"city-env","returnDue":"2026-02-26T00:00:00+08:00","handleDue":"2026-02-27T00:00:00+08:00"}""",
            // warning 1wd: 00:00 of the due's last day (02-26); it fires before the close at 15:00.
            """{"event":"warning","ticket":"T1","at":"2026-02-26T00:00:00+08:00","clock":"handle","due":"2026-02-27T00:00:00+08:00"}""",
            """{"event":"close-requested","ticket":"T1","at":"2026-02-26T15:00:00+08:00"}""",
            """{"event":"closed","ticket":"T1","at":"2026-02-26T16:00:00+08:00","onTime":true}""",
            """{"event":"callback-sent","ticket":"T1","at":"2026-02-26T16:30:00+08:00","mode":"auto"}""",
            // 72h elapsed (calendar-blind): 02-26 16:30 + 72h = 03-01 16:30.
            """{"event":"rated","ticket":"T1","at":"2026-03-01T16:30:00+08:00","rating":"basic","auto":true}""",
            """{"event":"status","ticket":"T1","state":"closed","unit":"city-env","signDue":null,"returnDue":null,"handleDue":null,"rating":"basic","extensions":0}""");
    }

    [Fact]
    public void Linyi_SpringFestival_ExtensionThenOverdueLadderOnMakeUpSaturday()
    {
        Run("linyi-2016",
            Receive("2026-02-13T16:00:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("extend", "2026-02-24T09:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":2,\"reason\":\"site visit\""),
            Cmd("extend-decision", "2026-02-24T10:00:00+08:00", "T1", ",\"approve\":true"),
            Cmd("advance", "2026-03-04T00:00:00+08:00"),
            Cmd("close", "2026-03-04T09:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
            Cmd("close-decision", "2026-03-04T10:00:00+08:00", "T1", ",\"approve\":true"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            // The spec's example: Fri 02-13 16:00 + 2wd → 02-14 (Sat, working), 02-24 → 02-25T00:00 (return).
            // complaint 3wd: 02-14, 02-24, 02-25 → 02-26T00:00.
            """{"event":"dispatched","ticket":"T1","at":"2026-02-13T16:00:00+08:00","unit":"city-env","signDue":"$absent","returnDue":"2026-02-25T00:00:00+08:00","handleDue":"2026-02-26T00:00:00+08:00"}""",
            // applyBefore 1wd: [02-24 09:00, 02-26 00:00) holds the whole working day 02-25: allowed.
            """{"event":"extension-requested","ticket":"T1","at":"2026-02-24T09:00:00+08:00","days":2}""",
            // 2 working days after the old due's last day 02-25: 02-26, 02-27 → 02-28T00:00.
            """{"event":"extension-approved","ticket":"T1","at":"2026-02-24T10:00:00+08:00","handleDue":"2026-02-28T00:00:00+08:00"}""",
            // Old warning (02-25T00:00) is gone with the old due; the new one is 00:00 of 02-27.
            """{"event":"warning","ticket":"T1","at":"2026-02-27T00:00:00+08:00","clock":"handle","due":"2026-02-28T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-02-28T00:00:00+08:00","clock":"handle","due":"2026-02-28T00:00:00+08:00"}""",
            """{"event":"supervision","ticket":"T1","at":"2026-02-28T00:00:00+08:00","level":1}""",
            // level 2: 1wd from the last day 02-27 → Sat 02-28 (调休 working day) → 03-01T00:00.
            """{"event":"supervision","ticket":"T1","at":"2026-03-01T00:00:00+08:00","level":2}""",
            // level 3: 3wd from 02-27 → 02-28, 03-02, 03-03 → 03-04T00:00.
            """{"event":"supervision","ticket":"T1","at":"2026-03-04T00:00:00+08:00","level":3}""",
            """{"event":"close-requested","ticket":"T1"}""",
            """{"event":"closed","ticket":"T1","onTime":false}""");
    }

    [Fact]
    public void Linyi_ExtendWithLessThanOneWholeWorkingDayLeft_ExtensionLimit()
    {
        // due 02-26T00:00; at 02-25 09:00 only part of 02-25 is left (< 1wd): extension-limit. The warning
        // at 02-25T00:00 fires first.
        Run("linyi-2016",
            Receive("2026-02-13T16:00:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("extend", "2026-02-25T09:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":1,\"reason\":\"x\""))
        .ExpectAt(2,
            """{"event":"warning","ticket":"T1","at":"2026-02-25T00:00:00+08:00","due":"2026-02-26T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-02-25T09:00:00+08:00","code":"extension-limit"}""");
    }

    [Fact]
    public void Linyi_ExtendWithExactlyOneWholeWorkingDayLeft_Requested()
    {
        // At 02-25T00:00 the interval [02-25 00:00, 02-26 00:00) is one whole working day: allowed.
        Run("linyi-2016",
            Receive("2026-02-13T16:00:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("extend", "2026-02-25T00:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":1,\"reason\":\"x\""))
        .ExpectAt(2,
            """{"event":"warning","ticket":"T1","at":"2026-02-25T00:00:00+08:00"}""",
            """{"event":"extension-requested","ticket":"T1","at":"2026-02-25T00:00:00+08:00","days":1}""");
    }

    [Fact]
    public void Linyi_ReturnExactlyAtReturnDue_WindowClosedAfterSameInstantTimer()
    {
        Run("linyi-2016",
            Receive("2026-02-13T16:00:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("return", "2026-02-25T00:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reason\":\"not ours\""))
        .ExpectAt(2,
            """{"event":"warning","ticket":"T1","at":"2026-02-25T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-02-25T00:00:00+08:00","code":"window-closed"}""");
    }

    [Theory]
    // Linyi consultation 1wd / others 3wd / complex 5wd (consultation keeps 1wd), from dispatch Mon 03-02.
    [InlineData("consultation", "", "2026-03-04T00:00:00+08:00")]
    [InlineData("complaint", "", "2026-03-06T00:00:00+08:00")]
    [InlineData("praise", "", "2026-03-06T00:00:00+08:00")]
    [InlineData("complaint", ",\"complex\":true", "2026-03-10T00:00:00+08:00")]
    [InlineData("consultation", ",\"complex\":true", "2026-03-04T00:00:00+08:00")]
    // statutory limit beats complex
    [InlineData("complaint", ",\"complex\":true,\"limit\":\"2wd\"", "2026-03-05T00:00:00+08:00")]
    public void Linyi_HandleLimitByKindComplexStatutory(string kind, string extra, string handleDue)
    {
        Run("linyi-2016", Receive("2026-03-02T09:15:00+08:00", "T1", kind: kind, category: "noise", region: "430103001", extra: extra))
            .ExpectAt(1, $$"""{"event":"dispatched","handleDue":"{{handleDue}}"}""");
    }

    [Theory]
    // Zhongshan consultation 3wd / others 10wd, the catalog entry's limit first; return 2wd; all from dispatch.
    // Fri 09-18 consultation: 09-20 (Sun, working), 09-21, 09-22 → 09-23T00:00; return 09-20, 09-21 → 09-22T00:00.
    [InlineData("2026-09-18T10:00:00+08:00", "consultation", "noise", "430103001", "2026-09-22T00:00:00+08:00", "2026-09-23T00:00:00+08:00")]
    // Wed 09-30 consultation: 10-01..07 off → 10-08, 10-09, 10-10 (Sat, working) → 10-11T00:00.
    [InlineData("2026-09-30T10:00:00+08:00", "consultation", "noise", "430103001", "2026-10-10T00:00:00+08:00", "2026-10-11T00:00:00+08:00")]
    // entry limit 2wd (noise.construction@430102001): 10-08, 10-09 → 10-10T00:00.
    [InlineData("2026-09-30T10:00:00+08:00", "consultation", "noise.construction", "430102001", "2026-10-10T00:00:00+08:00", "2026-10-10T00:00:00+08:00")]
    // complaint 10wd: 10-08, 09, 10(Sat), 12, 13, 14, 15, 16, 19, 20 → 10-21T00:00.
    [InlineData("2026-09-30T10:00:00+08:00", "complaint", "road", "430103001", "2026-10-10T00:00:00+08:00", "2026-10-21T00:00:00+08:00")]
    // Labour Day: Wed 04-29 → 04-30, (05-01..05 off), 05-06, 05-07 → 05-08T00:00; return 04-30, 05-06 → 05-07T00:00.
    [InlineData("2026-04-29T10:00:00+08:00", "consultation", "noise", "430103001", "2026-05-07T00:00:00+08:00", "2026-05-08T00:00:00+08:00")]
    // Thu 05-07 → 05-08, 05-09 (Sat, working), 05-11 → 05-12T00:00; return → 05-10T00:00.
    [InlineData("2026-05-07T10:00:00+08:00", "consultation", "noise", "430103001", "2026-05-10T00:00:00+08:00", "2026-05-12T00:00:00+08:00")]
    public void Zhongshan_HolidayArithmetic_DuesOnDispatched(string at, string kind, string category, string region, string returnDue, string handleDue)
    {
        Run("zhongshan-2024", Receive(at, "T1", kind: kind, category: category, region: region))
            .ExpectAt(1, $$"""{"event":"dispatched","at":"{{at}}","signDue":"$absent","returnDue":"{{returnDue}}","handleDue":"{{handleDue}}"}""");
    }

    [Fact]
    public void Zhongshan_NationalDay_EndToEnd()
    {
        Run("zhongshan-2024",
            Receive("2026-09-30T10:00:00+08:00", "T1", kind: "consultation", category: "noise.construction", region: "430102001"),
            Receive("2026-09-30T10:05:00+08:00", "T2", kind: "consultation", category: "noise", region: "430103001", phone: "13900000002"),
            Receive("2026-09-30T10:10:00+08:00", "T3", kind: "complaint", category: "road", region: "430103001", phone: "13900000003"),
            Cmd("return", "2026-10-09T12:00:00+08:00", "T3", ",\"unit\":\"tianxin-gov\",\"reason\":\"city road\""),
            Cmd("return-decision", "2026-10-09T14:00:00+08:00", "T3", ",\"approve\":true,\"unit\":\"city-transport\""),
            Cmd("close", "2026-10-09T17:00:00+08:00", "T1", ",\"unit\":\"wenyi-street\",\"reply\":\"done\""),
            Cmd("close-decision", "2026-10-09T17:30:00+08:00", "T1", ",\"approve\":true"),
            Cmd("advance", "2026-10-11T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","unit":"wenyi-street","returnDue":"2026-10-10T00:00:00+08:00","handleDue":"2026-10-10T00:00:00+08:00"}""",
            """{"event":"accepted","ticket":"T2"}""",
            """{"event":"dispatched","ticket":"T2","unit":"city-env","returnDue":"2026-10-10T00:00:00+08:00","handleDue":"2026-10-11T00:00:00+08:00"}""",
            """{"event":"accepted","ticket":"T3"}""",
            """{"event":"dispatched","ticket":"T3","unit":"tianxin-gov","returnDue":"2026-10-10T00:00:00+08:00","handleDue":"2026-10-21T00:00:00+08:00"}""",
            // T1's warning: 00:00 of its due's last day 10-09; fires before the 12:00 command.
            """{"event":"warning","ticket":"T1","at":"2026-10-09T00:00:00+08:00","clock":"handle","due":"2026-10-10T00:00:00+08:00"}""",
            """{"event":"return-requested","ticket":"T3","at":"2026-10-09T12:00:00+08:00","unit":"tianxin-gov","reason":"city road"}""",
            """{"event":"return-approved","ticket":"T3","at":"2026-10-09T14:00:00+08:00","unit":"tianxin-gov"}""",
            // Re-dispatch Fri 10-09: return 2wd 10-10 (Sat), 10-12 → 10-13T00:00; complaint 10wd 10-10, 12..16, 19..22 → 10-23T00:00.
            """{"event":"dispatched","ticket":"T3","at":"2026-10-09T14:00:00+08:00","unit":"city-transport","co":[],"byDefault":false,"returnDue":"2026-10-13T00:00:00+08:00","handleDue":"2026-10-23T00:00:00+08:00"}""",
            """{"event":"close-requested","ticket":"T1","at":"2026-10-09T17:00:00+08:00"}""",
            """{"event":"closed","ticket":"T1","at":"2026-10-09T17:30:00+08:00","onTime":true}""",
            // T2's last day is Sat 10-10 (working): warning at its 00:00; the end of return windows fires nothing.
            """{"event":"warning","ticket":"T2","at":"2026-10-10T00:00:00+08:00","clock":"handle","due":"2026-10-11T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T2","at":"2026-10-11T00:00:00+08:00","clock":"handle","due":"2026-10-11T00:00:00+08:00"}""",
            """{"event":"supervision","ticket":"T2","at":"2026-10-11T00:00:00+08:00","level":1}""");
    }

    [Fact]
    public void Changzhi_ReturnAnyTimeRefusedAfterWarning_PauseWarningAtOnceLevelThreeOnly()
    {
        Run("changzhi",
            Receive("2026-03-02T09:15:00+08:00", "T1", category: "road", region: "430103001", extra: ",\"complex\":true"),
            Cmd("return", "2026-03-09T10:00:00+08:00", "T1", ",\"unit\":\"tianxin-gov\",\"reason\":\"not ours\""),
            Cmd("return-decision", "2026-03-10T11:00:00+08:00", "T1", ",\"approve\":false"),
            Cmd("advance", "2026-03-12T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            // complex 5wd from Mon 03-02: 03, 04, 05, 06, 09 → 03-10T00:00; no return clock.
            """{"event":"dispatched","ticket":"T1","unit":"tianxin-gov","returnDue":"$absent","signDue":"$absent","handleDue":"2026-03-10T00:00:00+08:00"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-09T00:00:00+08:00","clock":"handle","due":"2026-03-10T00:00:00+08:00"}""",
            """{"event":"return-requested","ticket":"T1","at":"2026-03-09T10:00:00+08:00","unit":"tianxin-gov"}""",
            // Review: working days after 03-09 up to and including 03-10 = 1 → due + 1wd from its last day 03-09 → 03-10 → 03-11T00:00.
            // No overdue at 03-10T00:00: the clock is stopped during the review.
            """{"event":"return-refused","ticket":"T1","at":"2026-03-10T11:00:00+08:00","handleDue":"2026-03-11T00:00:00+08:00"}""",
            // §7.1: the new due's warning instant (00:00 of 03-10) is after the start but past: fires at once.
            """{"event":"warning","ticket":"T1","at":"2026-03-10T11:00:00+08:00","clock":"handle","due":"2026-03-11T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-11T00:00:00+08:00","clock":"handle","due":"2026-03-11T00:00:00+08:00"}""",
            // Changzhi's ladder: level 3 only, 1wd from the last day 03-10 → 03-12T00:00.
            """{"event":"supervision","ticket":"T1","at":"2026-03-12T00:00:00+08:00","level":3}""");
    }

    [Theory]
    // Xiangfen return: 4 working hours inside 08:30–12:00, 13:30–17:30.
    [InlineData("2026-03-02T09:15:00+08:00", "2026-03-02T14:45:00+08:00")] // 2h45 + 1h15
    [InlineData("2026-03-02T08:00:00+08:00", "2026-03-02T14:00:00+08:00")] // from the opening 08:30: 3h30 + 0h30
    [InlineData("2026-03-02T12:30:00+08:00", "2026-03-02T17:30:00+08:00")] // lunch: from 13:30, ends exactly at closing
    [InlineData("2026-03-02T17:00:00+08:00", "2026-03-03T12:00:00+08:00")] // 0h30 + 3h30: ends at 12:00, not 13:30
    [InlineData("2026-02-13T16:00:00+08:00", "2026-02-14T11:00:00+08:00")] // Fri 1h30, then Sat 02-14 (working) 2h30
    [InlineData("2026-03-07T10:00:00+08:00", "2026-03-09T14:00:00+08:00")] // Sat: from Mon 08:30
    public void Xiangfen_ReturnWindowInWorkingHours(string at, string returnDue)
    {
        Run("xiangfen-2022", Receive(at, "T1", category: "noise", region: "430103001"))
            .ExpectAt(1, $$"""{"event":"dispatched","returnDue":"{{returnDue}}"}""");
    }

    [Fact]
    public void Xiangfen_EndToEnd_ReturnWindowClosedAndExtensionTotal15()
    {
        Run("xiangfen-2022",
            Receive("2026-03-02T17:00:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("return", "2026-03-03T12:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reason\":\"not ours\""),
            Cmd("extend", "2026-03-04T09:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":10,\"reason\":\"x\""),
            Cmd("extend-decision", "2026-03-04T10:00:00+08:00", "T1", ",\"approve\":true"),
            Cmd("extend", "2026-03-04T11:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":6,\"reason\":\"x\""),
            Cmd("extend", "2026-03-04T11:05:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":5,\"reason\":\"x\""),
            Cmd("extend-decision", "2026-03-04T11:10:00+08:00", "T1", ",\"approve\":true"),
            Cmd("extend", "2026-03-04T11:20:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":1,\"reason\":\"x\""),
            Cmd("query", "2026-03-04T11:30:00+08:00", "T1"),
            Cmd("close", "2026-03-26T10:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
            Cmd("close-decision", "2026-03-26T11:00:00+08:00", "T1", ",\"approve\":true"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            // return 4wh: 17:00–17:30, then Tue 08:30–12:00 → 03-03T12:00; handle 3wd: 03, 04, 05 → 03-06T00:00.
            """{"event":"dispatched","ticket":"T1","returnDue":"2026-03-03T12:00:00+08:00","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-03-03T12:00:00+08:00","code":"window-closed"}""",
            """{"event":"extension-requested","ticket":"T1","days":10}""",
            // 10wd after the last day 03-05: 06, 09..13, 16..19 → 03-20T00:00.
            """{"event":"extension-approved","ticket":"T1","handleDue":"2026-03-20T00:00:00+08:00"}""",
            // 10 + 6 = 16 > maxTotalDays 15.
            """{"event":"rejected","ticket":"T1","code":"extension-limit"}""",
            """{"event":"extension-requested","ticket":"T1","days":5}""",
            // 5wd after 03-19: 20, 23, 24, 25, 26 → 03-27T00:00.
            """{"event":"extension-approved","ticket":"T1","handleDue":"2026-03-27T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","code":"extension-limit"}""",
            """{"event":"status","ticket":"T1","state":"dispatched","unit":"city-env","handleDue":"2026-03-27T00:00:00+08:00","extensions":2,"signDue":null}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-26T00:00:00+08:00","due":"2026-03-27T00:00:00+08:00"}""",
            """{"event":"close-requested","ticket":"T1"}""",
            """{"event":"closed","ticket":"T1","onTime":true}""");
    }

    [Fact]
    public void Changzhi_DueCountedInto2027_UncoveredOnEveryEventCarryingIt()
    {
        Run("changzhi",
            Receive("2026-12-30T10:00:00+08:00", "T1", category: "road", region: "430103001"),
            Cmd("advance", "2027-01-06T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            // 3wd from Wed 12-30: 12-31, 2027-01-01 (uncovered year: a plain Friday), 01-04 → 01-05T00:00.
            """{"event":"dispatched","ticket":"T1","handleDue":"2027-01-05T00:00:00+08:00","uncovered":true}""",
            """{"event":"warning","ticket":"T1","at":"2027-01-04T00:00:00+08:00","due":"2027-01-05T00:00:00+08:00","uncovered":true}""",
            """{"event":"overdue","ticket":"T1","at":"2027-01-05T00:00:00+08:00","due":"2027-01-05T00:00:00+08:00","uncovered":true}""",
            // level 3: 1wd from the last day 01-04 → 01-05 → 01-06T00:00.
            """{"event":"supervision","ticket":"T1","at":"2027-01-06T00:00:00+08:00","level":3,"uncovered":true}""");
    }

    [Fact]
    public void Changzhi_DueAtMidnightOfDecember31_NotUncoveredButLadderStepIs()
    {
        // §7.14: a due at 24:00 of 31 December consults only that day.
        Run("changzhi",
            Receive("2026-12-30T10:00:00+08:00", "T1", category: "road", region: "430103001", extra: ",\"limit\":\"1wd\""),
            Cmd("advance", "2027-01-02T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2027-01-01T00:00:00+08:00","uncovered":"$falsy"}""",
            """{"event":"warning","ticket":"T1","at":"2026-12-31T00:00:00+08:00","uncovered":"$falsy"}""",
            """{"event":"overdue","ticket":"T1","at":"2027-01-01T00:00:00+08:00","uncovered":"$falsy"}""",
            // level 3: 1wd from the last day 12-31 → 2027-01-01 (uncovered: plain Friday) → 01-02T00:00.
            """{"event":"supervision","ticket":"T1","at":"2027-01-02T00:00:00+08:00","level":3,"uncovered":true}""");
    }

    [Fact]
    public void Changsha_SignedDueInto2027_UncoveredOnSignedAndStatus()
    {
        // Sign Tue 12-29: return 2wd 12-30, 12-31 → 2027-01-01T00:00 (covered); consultation 3wd → 12-30, 12-31, 2027-01-01 → 01-02T00:00 (uncovered).
        Run("changsha-2020",
            Receive("2026-12-28T10:00:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Cmd("sign", "2026-12-29T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Cmd("query", "2026-12-29T11:00:00+08:00", "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","signDue":"2026-12-30T00:00:00+08:00","uncovered":"$falsy"}""",
            """{"event":"signed","ticket":"T1","returnDue":"2027-01-01T00:00:00+08:00","handleDue":"2027-01-02T00:00:00+08:00","uncovered":true}""",
            """{"event":"status","ticket":"T1","handleDue":"2027-01-02T00:00:00+08:00","uncovered":true}""");
    }

    [Fact]
    public void Calendar_FileAdds2027_DueCountsItsHolidayAndIsCovered()
    {
        // --calendar with 2027-01-01 off covers 2027: 3wd from Wed 12-30 → 12-31, 01-04, 01-05 → 01-06T00:00.
        var path = Path.Combine(Path.GetTempPath(), $"hotline-cal-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"holidays": ["2027-01-01"]}""");
        try
        {
            RunArgs(["run", "--profile", "changzhi", "--catalog", CatalogPath(Catalog), "--calendar", path],
                    Receive("2026-12-30T10:00:00+08:00", "T1", category: "road", region: "430103001"))
                .Expect(
                    """{"event":"accepted","ticket":"T1"}""",
                    """{"event":"dispatched","ticket":"T1","handleDue":"2027-01-06T00:00:00+08:00","uncovered":"$falsy"}""");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

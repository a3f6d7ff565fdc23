using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// §1 exclusive dues and timer order, §2.2 re-basing (return refused/approved, close refused, extension,
/// redo), warnings, the supervision ladder, sign overdue, §7.1/7.2/7.9/7.12.
/// Changsha base ticket T1: consultation, noise@430103001 → city-env, received Mon 03-02 09:15,
/// signDue 03-04T00:00; signed Tue 03-03 10:00 → returnDue 2wd (03-04, 03-05) = 03-06T00:00,
/// handleDue 3wd (03-04, 05, 06) = 03-07T00:00, warning 00:00 of 03-06, ladder L1 03-07T00:00,
/// L2 1wd from the last day 03-06 = 03-10T00:00, L3 3wd from 03-06 = 03-12T00:00.
/// </summary>
public class ClockScenarioTests
{
    private const string Cs = "changsha-2020";
    private const string Env = ",\"unit\":\"city-env\"";

    private static string[] Signed(params string[] more) =>
    [
        Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
        Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", Env),
        .. more,
    ];

    private static readonly string[] SignedEvents =
    [
        """{"event":"accepted","ticket":"T1"}""",
        """{"event":"dispatched","ticket":"T1","signDue":"2026-03-04T00:00:00+08:00"}""",
        """{"event":"signed","ticket":"T1","returnDue":"2026-03-06T00:00:00+08:00","handleDue":"2026-03-07T00:00:00+08:00"}""",
    ];

    private static string[] With(params string[] more) => [.. SignedEvents, .. more];

    private static string Return(string at) => Cmd("return", at, "T1", ",\"unit\":\"city-env\",\"reason\":\"not ours\"");
    private static string Close(string at) => Cmd("close", at, "T1", ",\"unit\":\"city-env\",\"reply\":\"done\"");
    private static string Decide(string op, string at, bool approve, string extra = "") =>
        Cmd(op, at, "T1", $",\"approve\":{(approve ? "true" : "false")}{extra}");
    private static string Extend(string at, int days) => Cmd("extend", at, "T1", $",\"unit\":\"city-env\",\"days\":{days},\"reason\":\"x\"");

    [Fact]
    public void Close_ExactlyAtHandleDue_LateAfterTimersOfThatInstant()
    {
        Run(Cs, Signed(Close("2026-03-07T00:00:00+08:00"), Decide("close-decision", "2026-03-07T01:00:00+08:00", true)))
            .Expect(With(
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00","clock":"handle","due":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00","clock":"handle","due":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-07T00:00:00+08:00","level":1}""",
                """{"event":"close-requested","ticket":"T1","at":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"closed","ticket":"T1","at":"2026-03-07T01:00:00+08:00","onTime":false}"""));
    }

    [Fact]
    public void Close_OneSecondBeforeHandleDue_OnTime()
    {
        Run(Cs, Signed(Close("2026-03-06T23:59:59+08:00"), Decide("close-decision", "2026-03-09T10:00:00+08:00", true)))
            .Expect(With(
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
                """{"event":"close-requested","ticket":"T1","at":"2026-03-06T23:59:59+08:00"}""",
                """{"event":"closed","ticket":"T1","at":"2026-03-09T10:00:00+08:00","onTime":true}"""));
    }

    [Fact]
    public void Return_ExactlyAtReturnDue_WindowClosed_OneSecondBefore_Requested()
    {
        Run(Cs, Signed(Return("2026-03-05T23:59:59+08:00"), Decide("return-decision", "2026-03-05T23:59:59+08:00", false), Return("2026-03-06T00:00:00+08:00")))
            .Expect(With(
                """{"event":"return-requested","ticket":"T1","at":"2026-03-05T23:59:59+08:00","unit":"city-env","reason":"not ours"}""",
                // review length 0 (same day): the due stays.
                """{"event":"return-refused","ticket":"T1","handleDue":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-06T00:00:00+08:00","code":"window-closed"}"""));
    }

    [Fact]
    public void Return_BeforeSign_ChangshaInvalidState()
    {
        Run(Cs,
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Return("2026-03-02T10:00:00+08:00"))
        .ExpectAt(2, """{"event":"rejected","ticket":"T1","code":"invalid-state"}""");
    }

    [Fact]
    public void ReturnRefused_ReviewPauseMovesDue_WindowKeepsEnd_SecondReturnAllowed()
    {
        Run(Cs, Signed(
                Return("2026-03-04T09:00:00+08:00"),
                Cmd("query", "2026-03-04T10:00:00+08:00", "T1"),
                Decide("return-decision", "2026-03-05T15:00:00+08:00", false),
                Return("2026-03-05T16:00:00+08:00"),
                Decide("return-decision", "2026-03-05T17:00:00+08:00", false),
                Return("2026-03-06T00:00:00+08:00"),
                Cmd("query", "2026-03-06T01:00:00+08:00", "T1"),
                Cmd("advance", "2026-03-10T00:00:00+08:00")))
            .Expect(With(
                """{"event":"return-requested","ticket":"T1","at":"2026-03-04T09:00:00+08:00","unit":"city-env","reason":"not ours"}""",
                // §7.3: in the review states all three clocks are null.
                """{"event":"status","ticket":"T1","state":"return-requested","unit":"city-env","signDue":null,"returnDue":null,"handleDue":null}""",
                // review = working days after 03-04 up to and including 03-05 = 1; due's last day 03-06 + 1wd = 03-09 → 03-10T00:00.
                """{"event":"return-refused","ticket":"T1","at":"2026-03-05T15:00:00+08:00","handleDue":"2026-03-10T00:00:00+08:00"}""",
                // §7.12: the window keeps its original end (03-06T00:00): a second return is allowed.
                """{"event":"return-requested","ticket":"T1","at":"2026-03-05T16:00:00+08:00"}""",
                // same-day review: 0 working days, due unchanged.
                """{"event":"return-refused","ticket":"T1","at":"2026-03-05T17:00:00+08:00","handleDue":"2026-03-10T00:00:00+08:00"}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-06T00:00:00+08:00","code":"window-closed"}""",
                // §7.3: the window still runs (passed due still shown).
                """{"event":"status","ticket":"T1","state":"signed","returnDue":"2026-03-06T00:00:00+08:00","handleDue":"2026-03-10T00:00:00+08:00"}""",
                // warning for the moved due: 00:00 of its last day 03-09.
                """{"event":"warning","ticket":"T1","at":"2026-03-09T00:00:00+08:00","clock":"handle","due":"2026-03-10T00:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-10T00:00:00+08:00","clock":"handle","due":"2026-03-10T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-10T00:00:00+08:00","level":1}"""));
    }

    [Fact]
    public void ReturnRefused_LongReview_NoTimersDuringReviewAndDueMovesByWorkingDays()
    {
        Run(Cs, Signed(
                Return("2026-03-04T09:00:00+08:00"),
                Decide("return-decision", "2026-03-09T10:00:00+08:00", false),
                Cmd("advance", "2026-03-11T00:00:00+08:00")))
            .Expect(With(
                """{"event":"return-requested","ticket":"T1"}""",
                // review = working days after Wed 03-04 up to and including Mon 03-09: 05, 06, 09 = 3;
                // last day 03-06 + 3wd: 09, 10, 11 → 03-12T00:00. The old due (03-07) and warning passed during the review: nothing fired.
                """{"event":"return-refused","ticket":"T1","at":"2026-03-09T10:00:00+08:00","handleDue":"2026-03-12T00:00:00+08:00"}""",
                """{"event":"warning","ticket":"T1","at":"2026-03-11T00:00:00+08:00","due":"2026-03-12T00:00:00+08:00"}"""));
    }

    [Fact]
    public void ReturnApproved_RedispatchWithoutCo_HandleAndReturnWaitForNewSignature()
    {
        Run(Cs, Signed(
                Return("2026-03-04T09:00:00+08:00"),
                Decide("return-decision", "2026-03-04T10:00:00+08:00", true, ",\"unit\":\"furong-gov\""),
                Cmd("query", "2026-03-04T10:01:00+08:00", "T1"),
                Cmd("sign", "2026-03-05T09:00:00+08:00", "T1", Env),
                Cmd("sign", "2026-03-05T09:01:00+08:00", "T1", ",\"unit\":\"furong-gov\"")))
            .Expect(With(
                """{"event":"return-requested","ticket":"T1"}""",
                """{"event":"return-approved","ticket":"T1","at":"2026-03-04T10:00:00+08:00","unit":"city-env"}""",
                // sign 1wd from Wed 03-04 → end of 03-05.
                """{"event":"dispatched","ticket":"T1","at":"2026-03-04T10:00:00+08:00","unit":"furong-gov","co":[],"byDefault":false,"catalogVersion":"test-1","signDue":"2026-03-06T00:00:00+08:00","returnDue":"$absent","handleDue":"$absent"}""",
                """{"event":"status","ticket":"T1","state":"dispatched","unit":"furong-gov","signDue":"2026-03-06T00:00:00+08:00","returnDue":null,"handleDue":null}""",
                """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""",
                // from Thu 03-05: return 2wd 06, 09 → 03-10T00:00; consultation 3wd 06, 09, 10 → 03-11T00:00.
                """{"event":"signed","ticket":"T1","unit":"furong-gov","returnDue":"2026-03-10T00:00:00+08:00","handleDue":"2026-03-11T00:00:00+08:00"}"""));
    }

    [Fact]
    public void ReturnDecision_ApproveWithoutUnit_Schema_UnknownUnit_NotPending_InvalidState()
    {
        Run(Cs, Signed(
                Decide("return-decision", "2026-03-03T11:00:00+08:00", false),
                Return("2026-03-04T09:00:00+08:00"),
                Decide("return-decision", "2026-03-04T10:00:00+08:00", true),
                Decide("return-decision", "2026-03-04T10:01:00+08:00", true, ",\"unit\":\"no-such-unit\"")))
            .Expect(With(
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
                """{"event":"return-requested","ticket":"T1"}""",
                """{"event":"rejected","ticket":"T1","code":"schema"}""",
                """{"event":"rejected","ticket":"T1","code":"unknown-unit"}"""));
    }

    [Fact]
    public void CloseRefused_BeforeDue_OldDueStands()
    {
        Run(Cs, Signed(
                Close("2026-03-04T10:00:00+08:00"),
                Decide("close-decision", "2026-03-04T11:00:00+08:00", false),
                Cmd("advance", "2026-03-07T00:00:00+08:00")))
            .Expect(With(
                """{"event":"close-requested","ticket":"T1"}""",
                """{"event":"close-refused","ticket":"T1","at":"2026-03-04T11:00:00+08:00","handleDue":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-07T00:00:00+08:00","level":1}"""));
    }

    [Fact]
    public void CloseRefused_DuePassedDuringReview_OverdueAtDecisionAndLadderExceptPastSteps()
    {
        Run(Cs, Signed(
                Close("2026-03-06T10:00:00+08:00"),
                Decide("close-decision", "2026-03-09T10:00:00+08:00", false, ",\"by\":\"op-2\""),
                Cmd("advance", "2026-03-12T00:00:00+08:00")))
            .Expect(With(
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
                """{"event":"close-requested","ticket":"T1","at":"2026-03-06T10:00:00+08:00"}""",
                """{"event":"close-refused","ticket":"T1","at":"2026-03-09T10:00:00+08:00","handleDue":"2026-03-07T00:00:00+08:00","by":"op-2"}""",
                // §2.2: the old due is past: overdue at once, at = the decision, due = the old due.
                """{"event":"overdue","ticket":"T1","at":"2026-03-09T10:00:00+08:00","clock":"handle","due":"2026-03-07T00:00:00+08:00"}""",
                // ladder armed except steps already past: L1 (03-07T00:00) is past; L2 03-10T00:00, L3 03-12T00:00.
                """{"event":"supervision","ticket":"T1","at":"2026-03-10T00:00:00+08:00","level":2}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-12T00:00:00+08:00","level":3}"""));
    }

    [Fact]
    public void CloseRefused_AfterOverdueFired_OverdueAgainLadderCancelledInReviewAndReArmed()
    {
        Run(Cs, Signed(
                Cmd("advance", "2026-03-07T00:00:00+08:00"),
                Close("2026-03-09T09:00:00+08:00"),
                Cmd("advance", "2026-03-10T05:00:00+08:00"),
                Decide("close-decision", "2026-03-10T10:00:00+08:00", false),
                Cmd("advance", "2026-03-12T00:00:00+08:00"),
                Close("2026-03-12T09:00:00+08:00"),
                Decide("close-decision", "2026-03-12T10:00:00+08:00", true)))
            .Expect(With(
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00","due":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-07T00:00:00+08:00","level":1}""",
                """{"event":"close-requested","ticket":"T1","at":"2026-03-09T09:00:00+08:00"}""",
                // L2 (03-10T00:00) does not fire: the ticket left `signed`.
                """{"event":"close-refused","ticket":"T1","at":"2026-03-10T10:00:00+08:00","handleDue":"2026-03-07T00:00:00+08:00"}""",
                // §7.2: overdue again at the decision; the ladder re-armed except past steps (L1, L2): L3 03-12T00:00.
                """{"event":"overdue","ticket":"T1","at":"2026-03-10T10:00:00+08:00","clock":"handle","due":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-12T00:00:00+08:00","level":3}""",
                """{"event":"close-requested","ticket":"T1","at":"2026-03-12T09:00:00+08:00"}""",
                """{"event":"closed","ticket":"T1","onTime":false}"""));
    }

    // Changzhi ticket: complaint road@430103001 → tianxin-gov, Mon 03-02 09:15, 3wd → 03-06T00:00,
    // warning 03-05T00:00, ladder level 3 only at 1wd from the last day 03-05 → 03-07T00:00. No return window.
    private static string CzReceive() => Receive("2026-03-02T09:15:00+08:00", "T1", category: "road", region: "430103001");
    private static string CzReturn(string at) => Cmd("return", at, "T1", ",\"unit\":\"tianxin-gov\",\"reason\":\"not ours\"");

    [Fact]
    public void ReturnRefused_AfterOverdueFired_OverdueAgainAtDecisionAndLadderReArmed()
    {
        Run("changzhi",
            CzReceive(),
            CzReturn("2026-03-06T10:00:00+08:00"),
            Decide("return-decision", "2026-03-06T11:00:00+08:00", false),
            Cmd("advance", "2026-03-07T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-05T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-06T00:00:00+08:00","due":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"return-requested","ticket":"T1","at":"2026-03-06T10:00:00+08:00"}""",
            // same-day review: 0 working days; the due stays 03-06T00:00, already past.
            """{"event":"return-refused","ticket":"T1","at":"2026-03-06T11:00:00+08:00","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-06T11:00:00+08:00","clock":"handle","due":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"supervision","ticket":"T1","at":"2026-03-07T00:00:00+08:00","level":3}""");
    }

    [Fact]
    public void ReturnRefused_PauseMovesDuePastDecision_ArmsOverdueAndWarningAtOnce()
    {
        Run("changzhi",
            CzReceive(),
            CzReturn("2026-03-05T15:00:00+08:00"),
            Decide("return-decision", "2026-03-06T10:00:00+08:00", false),
            Cmd("advance", "2026-03-10T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-05T00:00:00+08:00","due":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"return-requested","ticket":"T1","at":"2026-03-05T15:00:00+08:00"}""",
            // review = working days after 03-05 up to and including 03-06 = 1 → last day 03-05 + 1wd = 03-06 → 03-07T00:00 (after the decision: armed, §7.12).
            """{"event":"return-refused","ticket":"T1","at":"2026-03-06T10:00:00+08:00","handleDue":"2026-03-07T00:00:00+08:00"}""",
            // §7.1: the new due's warning (00:00 of 03-06) is past: fires at once.
            """{"event":"warning","ticket":"T1","at":"2026-03-06T10:00:00+08:00","clock":"handle","due":"2026-03-07T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00","due":"2026-03-07T00:00:00+08:00"}""",
            // level 3: 1wd from the last day 03-06 (Fri) → Mon 03-09 → 03-10T00:00.
            """{"event":"supervision","ticket":"T1","at":"2026-03-10T00:00:00+08:00","level":3}""");
    }

    [Fact]
    public void Warning_OncePerDueValue_NotRepeatedWhenDueUnchanged()
    {
        Run("changzhi",
            CzReceive(),
            CzReturn("2026-03-05T10:00:00+08:00"),
            Decide("return-decision", "2026-03-05T11:00:00+08:00", false),
            Cmd("advance", "2026-03-06T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-05T00:00:00+08:00"}""",
            """{"event":"return-requested","ticket":"T1"}""",
            """{"event":"return-refused","ticket":"T1","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""");
    }

    [Fact]
    public void Extension_OnePendingAtATime_MaxCountOne_StatusCountsApproved()
    {
        // complaint 10wd from Tue 03-03 → 03-18T00:00 (last day 03-17).
        Run(Cs,
            Receive("2026-03-02T09:15:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", Env),
            Extend("2026-03-05T09:00:00+08:00", 3),
            Extend("2026-03-05T09:30:00+08:00", 1),
            Decide("extend-decision", "2026-03-05T10:00:00+08:00", true),
            Extend("2026-03-05T11:00:00+08:00", 1),
            Cmd("query", "2026-03-05T12:00:00+08:00", "T1"))
        .ExpectAt(2,
            """{"event":"signed","ticket":"T1","handleDue":"2026-03-18T00:00:00+08:00"}""",
            """{"event":"extension-requested","ticket":"T1","at":"2026-03-05T09:00:00+08:00","days":3}""",
            """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
            // 3wd after the last day 03-17: 18, 19, 20 → 03-21T00:00.
            """{"event":"extension-approved","ticket":"T1","at":"2026-03-05T10:00:00+08:00","handleDue":"2026-03-21T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","code":"extension-limit"}""",
            """{"event":"status","ticket":"T1","state":"signed","handleDue":"2026-03-21T00:00:00+08:00","extensions":1}""");
    }

    [Fact]
    public void Extension_Refused_DueStandsAndDoesNotCountAgainstMaxCount()
    {
        Run(Cs,
            Receive("2026-03-02T09:15:00+08:00", "T1", category: "noise", region: "430103001"),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", Env),
            Decide("extend-decision", "2026-03-04T08:00:00+08:00", true),
            Extend("2026-03-04T09:00:00+08:00", 2),
            Decide("extend-decision", "2026-03-04T10:00:00+08:00", false),
            Extend("2026-03-04T11:00:00+08:00", 2),
            Decide("extend-decision", "2026-03-04T12:00:00+08:00", true))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"signed","ticket":"T1","handleDue":"2026-03-18T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
            """{"event":"extension-requested","ticket":"T1","days":2}""",
            """{"event":"extension-refused","ticket":"T1","at":"2026-03-04T10:00:00+08:00"}""",
            """{"event":"extension-requested","ticket":"T1","days":2}""",
            // 2wd after 03-17: 18, 19 → 03-20T00:00.
            """{"event":"extension-approved","ticket":"T1","handleDue":"2026-03-20T00:00:00+08:00"}""");
    }

    [Fact]
    public void Extension_AtOrAfterDue_WindowClosedBeforeExtensionLimit()
    {
        Run(Cs, Signed(
                Extend("2026-03-04T09:00:00+08:00", 1),
                Decide("extend-decision", "2026-03-04T10:00:00+08:00", true),
                Extend("2026-03-10T00:00:00+08:00", 1)))
            .Expect(With(
                """{"event":"extension-requested","ticket":"T1","days":1}""",
                // 1wd after the last day 03-06 → Mon 03-09 → 03-10T00:00.
                """{"event":"extension-approved","ticket":"T1","handleDue":"2026-03-10T00:00:00+08:00"}""",
                """{"event":"warning","ticket":"T1","at":"2026-03-09T00:00:00+08:00","due":"2026-03-10T00:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-10T00:00:00+08:00","due":"2026-03-10T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-10T00:00:00+08:00","level":1}""",
                // both window-closed (at the due) and extension-limit (maxCount 1) apply: window-closed first.
                """{"event":"rejected","ticket":"T1","at":"2026-03-10T00:00:00+08:00","code":"window-closed"}"""));
    }

    [Fact]
    public void Extension_BeforeSign_ChangshaInvalidState()
    {
        Run(Cs,
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Extend("2026-03-02T10:00:00+08:00", 1))
        .ExpectAt(2, """{"event":"rejected","ticket":"T1","code":"invalid-state"}""");
    }

    [Fact]
    public void Close_DropsPendingExtension()
    {
        Run(Cs, Signed(
                Extend("2026-03-04T09:00:00+08:00", 2),
                Close("2026-03-04T10:00:00+08:00"),
                Decide("extend-decision", "2026-03-04T11:00:00+08:00", true),
                Decide("close-decision", "2026-03-04T12:00:00+08:00", false),
                Decide("extend-decision", "2026-03-04T13:00:00+08:00", true)))
            .Expect(With(
                """{"event":"extension-requested","ticket":"T1"}""",
                """{"event":"close-requested","ticket":"T1"}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-04T11:00:00+08:00","code":"invalid-state"}""",
                """{"event":"close-refused","ticket":"T1","handleDue":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-04T13:00:00+08:00","code":"invalid-state"}"""));
    }

    [Fact]
    public void Extension_ApprovedAfterDue_NewDueOldLadderCancelledAndReArmed()
    {
        Run(Cs, Signed(
                Extend("2026-03-06T10:00:00+08:00", 2),
                Decide("extend-decision", "2026-03-09T10:00:00+08:00", true),
                Cmd("advance", "2026-03-11T00:00:00+08:00")))
            .Expect(With(
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00","due":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"extension-requested","ticket":"T1","at":"2026-03-06T10:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00","due":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-07T00:00:00+08:00","level":1}""",
                // 2wd after the old due's last day 03-06: 09, 10 → 03-11T00:00. The old L2 (03-10T00:00) is cancelled.
                """{"event":"extension-approved","ticket":"T1","at":"2026-03-09T10:00:00+08:00","handleDue":"2026-03-11T00:00:00+08:00"}""",
                """{"event":"warning","ticket":"T1","at":"2026-03-10T00:00:00+08:00","due":"2026-03-11T00:00:00+08:00"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-11T00:00:00+08:00","due":"2026-03-11T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-11T00:00:00+08:00","level":1}"""));
    }

    [Fact]
    public void Extension_ApprovedAfterNewWarningInstant_WarningAtOnce()
    {
        Run(Cs, Signed(
                Extend("2026-03-06T10:00:00+08:00", 2),
                Decide("extend-decision", "2026-03-10T10:00:00+08:00", true)))
            .Expect(With(
                """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
                """{"event":"extension-requested","ticket":"T1"}""",
                """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00"}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-07T00:00:00+08:00","level":1}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-10T00:00:00+08:00","level":2}""",
                """{"event":"extension-approved","ticket":"T1","at":"2026-03-10T10:00:00+08:00","handleDue":"2026-03-11T00:00:00+08:00"}""",
                // §7.1: the new due's warning instant (00:00 of 03-10) is already past: at once, at = the decision.
                """{"event":"warning","ticket":"T1","at":"2026-03-10T10:00:00+08:00","clock":"handle","due":"2026-03-11T00:00:00+08:00"}"""));
    }

    [Fact]
    public void Redo_RestartsFromRedoInstant_BackToSigned_RatingCleared_UnsatisfiedAgainSupervision()
    {
        Run(Cs, Signed(
                Close("2026-03-04T10:00:00+08:00"),
                Decide("close-decision", "2026-03-04T11:00:00+08:00", true),
                Cmd("callback", "2026-03-04T12:00:00+08:00", "T1", ",\"mode\":\"manual\""),
                Cmd("rate", "2026-03-04T13:00:00+08:00", "T1", ",\"rating\":\"satisfied\""),
                Cmd("redo", "2026-03-05T09:00:00+08:00", "T1", ",\"reason\":\"caller objects\""),
                Cmd("query", "2026-03-05T09:01:00+08:00", "T1"),
                Close("2026-03-05T10:00:00+08:00"),
                Decide("close-decision", "2026-03-05T11:00:00+08:00", true),
                Cmd("callback", "2026-03-05T12:00:00+08:00", "T1", ",\"mode\":\"manual\""),
                Cmd("rate", "2026-03-05T13:00:00+08:00", "T1", ",\"rating\":\"unsatisfied\"")))
            .Expect(With(
                """{"event":"close-requested","ticket":"T1"}""",
                """{"event":"closed","ticket":"T1","onTime":true}""",
                """{"event":"callback-sent","ticket":"T1","mode":"manual"}""",
                """{"event":"rated","ticket":"T1","rating":"satisfied","auto":false}""",
                // consultation 3wd from Thu 03-05: 06, 09, 10 → 03-11T00:00.
                """{"event":"redo","ticket":"T1","at":"2026-03-05T09:00:00+08:00","handleDue":"2026-03-11T00:00:00+08:00"}""",
                """{"event":"status","ticket":"T1","state":"signed","unit":"city-env","handleDue":"2026-03-11T00:00:00+08:00","rating":null}""",
                """{"event":"close-requested","ticket":"T1"}""",
                """{"event":"closed","ticket":"T1","onTime":true}""",
                """{"event":"callback-sent","ticket":"T1"}""",
                """{"event":"rated","ticket":"T1","at":"2026-03-05T13:00:00+08:00","rating":"unsatisfied","auto":false}""",
                """{"event":"supervision","ticket":"T1","at":"2026-03-05T13:00:00+08:00","reason":"unsatisfied-after-redo","level":"$absent"}"""));
    }

    [Fact]
    public void Redo_ApprovedExtensionsStillCount()
    {
        Run(Cs, Signed(
                Extend("2026-03-04T09:00:00+08:00", 1),
                Decide("extend-decision", "2026-03-04T09:30:00+08:00", true),
                Close("2026-03-04T10:00:00+08:00"),
                Decide("close-decision", "2026-03-04T11:00:00+08:00", true),
                Cmd("redo", "2026-03-05T09:00:00+08:00", "T1"),
                Extend("2026-03-05T10:00:00+08:00", 1)))
            .ExpectAt(7,
                """{"event":"redo","ticket":"T1","handleDue":"2026-03-11T00:00:00+08:00"}""",
                """{"event":"rejected","ticket":"T1","code":"extension-limit"}""");
    }

    [Fact]
    public void Redo_NeverSignedTicket_BackToDispatched()
    {
        // Zhongshan (no sign clock): consultation 3wd from dispatch. Redo Wed 03-04 09:00 → 05, 06, 09 → 03-10T00:00.
        Run("zhongshan-2024",
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Close("2026-03-03T10:00:00+08:00"),
            Decide("close-decision", "2026-03-03T11:00:00+08:00", true),
            Cmd("redo", "2026-03-04T09:00:00+08:00", "T1"),
            Cmd("query", "2026-03-04T09:01:00+08:00", "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"close-requested","ticket":"T1"}""",
            """{"event":"closed","ticket":"T1","onTime":true}""",
            """{"event":"redo","ticket":"T1","handleDue":"2026-03-10T00:00:00+08:00"}""",
            """{"event":"status","ticket":"T1","state":"dispatched","handleDue":"2026-03-10T00:00:00+08:00"}""");
    }

    [Fact]
    public void Sign_Missed_SignOverdueAtDueNoLadder_LateSignStartsClocks()
    {
        Run(Cs,
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Cmd("advance", "2026-03-04T00:00:00+08:00"),
            Cmd("sign", "2026-03-04T09:00:00+08:00", "T1", Env))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","signDue":"2026-03-04T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-04T00:00:00+08:00","clock":"sign","due":"2026-03-04T00:00:00+08:00"}""",
            // from Wed 03-04: return 05, 06 → 03-07T00:00; consultation 05, 06, 09 → 03-10T00:00.
            """{"event":"signed","ticket":"T1","at":"2026-03-04T09:00:00+08:00","returnDue":"2026-03-07T00:00:00+08:00","handleDue":"2026-03-10T00:00:00+08:00"}""");
    }

    [Fact]
    public void Warning_DueLastDayNotWorkingDay_LatestWorkingDayOnOrBefore()
    {
        // Linyi, statutory 3d (elapsed) from Wed 03-04 09:15 → Sat 03-07 09:15. §7.9: the last day (Sat) is
        // not a working day: the 1st is Fri 03-06 → warning 03-06T00:00. Ladder L2: 1wd from the last day
        // 03-07 → Mon 03-09 → 03-10T00:00.
        Run("linyi-2016",
            Receive("2026-03-04T09:15:00+08:00", "T1", category: "noise", region: "430103001", extra: ",\"limit\":\"3d\""),
            Cmd("advance", "2026-03-10T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-07T09:15:00+08:00"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-06T00:00:00+08:00","due":"2026-03-07T09:15:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-07T09:15:00+08:00","due":"2026-03-07T09:15:00+08:00"}""",
            """{"event":"supervision","ticket":"T1","at":"2026-03-07T09:15:00+08:00","level":1}""",
            """{"event":"supervision","ticket":"T1","at":"2026-03-10T00:00:00+08:00","level":2}""");
    }

    [Fact]
    public void Warning_InstantNotAfterClockStart_NotArmed()
    {
        // Linyi statutory 12h from Mon 03-02 09:15 → 21:15; the warning would be 00:00 of 03-02, before the start.
        Run("linyi-2016",
            Receive("2026-03-02T09:15:00+08:00", "T1", category: "noise", region: "430103001", extra: ",\"limit\":\"12h\""),
            Cmd("advance", "2026-03-04T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-02T21:15:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-02T21:15:00+08:00"}""",
            """{"event":"supervision","ticket":"T1","at":"2026-03-02T21:15:00+08:00","level":1}""",
            // L2: 1wd from the last day 03-02 → 03-03 → 03-04T00:00.
            """{"event":"supervision","ticket":"T1","at":"2026-03-04T00:00:00+08:00","level":2}""");
    }

    [Fact]
    public void Timers_SameInstant_OrderedByTicketIdOrdinalThenClock()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-order-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {"name": "order-test", "zone": "Asia/Shanghai",
             "clocks": {"sign": {"limit": "1wd", "from": "dispatch"}, "handle": {"from": "dispatch", "limit": "2wd"}},
             "warning": {"before": "1wd"},
             "supervision": [{"level": 1, "after": "0h"}]}
            """);
        try
        {
            // Both: signDue 1wd → 03-04T00:00; handleDue 2wd (03-03, 03-04) → 03-05T00:00; warning 00:00 of 03-04.
            // "T10" < "T9" ordinally, although T9 was received first.
            Run(path,
                Receive("2026-03-02T09:00:00+08:00", "T9"),
                Receive("2026-03-02T10:00:00+08:00", "T10", phone: "13900000010"),
                Cmd("advance", "2026-03-05T00:00:00+08:00"))
            .Expect(
                """{"event":"accepted","ticket":"T9"}""",
                """{"event":"dispatched","ticket":"T9","signDue":"2026-03-04T00:00:00+08:00","handleDue":"2026-03-05T00:00:00+08:00"}""",
                """{"event":"accepted","ticket":"T10"}""",
                """{"event":"dispatched","ticket":"T10"}""",
                """{"event":"overdue","ticket":"T10","at":"2026-03-04T00:00:00+08:00","clock":"sign"}""",
                """{"event":"warning","ticket":"T10","at":"2026-03-04T00:00:00+08:00","clock":"handle"}""",
                """{"event":"overdue","ticket":"T9","at":"2026-03-04T00:00:00+08:00","clock":"sign"}""",
                """{"event":"warning","ticket":"T9","at":"2026-03-04T00:00:00+08:00","clock":"handle"}""",
                """{"event":"overdue","ticket":"T10","at":"2026-03-05T00:00:00+08:00","clock":"handle"}""",
                """{"event":"supervision","ticket":"T10","at":"2026-03-05T00:00:00+08:00","level":1}""",
                """{"event":"overdue","ticket":"T9","at":"2026-03-05T00:00:00+08:00","clock":"handle"}""",
                """{"event":"supervision","ticket":"T9","at":"2026-03-05T00:00:00+08:00","level":1}""");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Supervise_Manual_LevelZeroInAnyStateButAnswered()
    {
        Run(Cs,
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Cmd("supervise", "2026-03-02T10:00:00+08:00", "T1", ",\"reason\":\"assigned by the mayor\",\"by\":\"leader-1\""))
        .ExpectAt(2, """{"event":"supervision","ticket":"T1","at":"2026-03-02T10:00:00+08:00","level":0,"reason":"assigned by the mayor","by":"leader-1"}""");
    }

    [Fact]
    public void ReturnApproved_AfterOverdue_LadderCancelledAndClocksRestart()
    {
        // Changzhi: overdue 03-06T00:00 (L3 would be 03-07T00:00). Re-dispatch Fri 03-06 11:00 → 3wd: 09, 10, 11 → 03-12T00:00.
        Run("changzhi",
            CzReceive(),
            CzReturn("2026-03-06T10:00:00+08:00"),
            Decide("return-decision", "2026-03-06T11:00:00+08:00", true, ",\"unit\":\"city-transport\""),
            Cmd("advance", "2026-03-12T00:00:00+08:00"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","unit":"tianxin-gov"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-05T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"return-requested","ticket":"T1"}""",
            """{"event":"return-approved","ticket":"T1","unit":"tianxin-gov"}""",
            """{"event":"dispatched","ticket":"T1","at":"2026-03-06T11:00:00+08:00","unit":"city-transport","co":[],"byDefault":false,"handleDue":"2026-03-12T00:00:00+08:00"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-11T00:00:00+08:00","due":"2026-03-12T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-12T00:00:00+08:00","due":"2026-03-12T00:00:00+08:00"}""");
    }
}

using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// §2.2 callback, rating, appeal; §7.4, §7.6. Changsha (callbackAuto 72h → basic, manualCallback 1wd,
/// appeal 5wd). Base: T1 consultation → city-env, signed Tue 03-03 10:00 (handleDue 03-07T00:00), close
/// requested Wed 03-04 10:00, closed 11:00 on time.
/// </summary>
public class AftercareScenarioTests
{
    private const string Cs = "changsha-2020";

    private static string[] Closed(params string[] more) =>
    [
        Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
        Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
        Cmd("close", "2026-03-04T10:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
        Cmd("close-decision", "2026-03-04T11:00:00+08:00", "T1", ",\"approve\":true"),
        .. more,
    ];

    private static string[] With(params string[] more) =>
    [
        """{"event":"accepted","ticket":"T1"}""",
        """{"event":"dispatched","ticket":"T1"}""",
        """{"event":"signed","ticket":"T1"}""",
        """{"event":"close-requested","ticket":"T1"}""",
        """{"event":"closed","ticket":"T1","at":"2026-03-04T11:00:00+08:00","onTime":true}""",
        .. more,
    ];

    private static string Callback(string at, string mode) => Cmd("callback", at, "T1", $",\"mode\":\"{mode}\"");
    private static string Rate(string at, string rating) => Cmd("rate", at, "T1", $",\"rating\":\"{rating}\"");
    private static string Appeal(string at, string ground = "recording", string unit = "city-env") =>
        Cmd("appeal", at, "T1", $",\"unit\":\"{unit}\",\"ground\":\"{ground}\"");

    [Fact]
    public void Rate_ExactlyAtAutoRatingInstant_AlreadyRatedBasicAuto()
    {
        // callback-sent 03-04 12:00 + 72h = 03-07 12:00.
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "auto"), Rate("2026-03-07T12:00:00+08:00", "unsatisfied")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1","at":"2026-03-04T12:00:00+08:00","mode":"auto"}""",
                """{"event":"rated","ticket":"T1","at":"2026-03-07T12:00:00+08:00","rating":"basic","auto":true}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-07T12:00:00+08:00","code":"invalid-state"}"""));
    }

    [Fact]
    public void Rate_OneSecondBeforeAutoRating_RatedByCaller()
    {
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "auto"), Rate("2026-03-07T11:59:59+08:00", "satisfied"), Cmd("advance", "2026-03-10T00:00:00+08:00")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1","mode":"auto"}""",
                """{"event":"rated","ticket":"T1","at":"2026-03-07T11:59:59+08:00","rating":"satisfied","auto":false}"""));
    }

    [Fact]
    public void Rate_UnsatisfiedOnAutoCallback_CallbackRequiredThenCallbackOverdueThenRateAccepted()
    {
        Run(Cs, Closed(
                Callback("2026-03-04T12:00:00+08:00", "auto"),
                Rate("2026-03-05T09:00:00+08:00", "unsatisfied"),
                Cmd("advance", "2026-03-08T00:00:00+08:00"),
                Rate("2026-03-09T09:00:00+08:00", "satisfied"),
                Rate("2026-03-09T10:00:00+08:00", "basic"),
                Cmd("query", "2026-03-09T11:00:00+08:00", "T1")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1","mode":"auto"}""",
                """{"event":"rated","ticket":"T1","at":"2026-03-05T09:00:00+08:00","rating":"unsatisfied","auto":false}""",
                // manual callback within 1wd from Thu 03-05 → end of Fri 03-06.
                """{"event":"callback-required","ticket":"T1","at":"2026-03-05T09:00:00+08:00","due":"2026-03-07T00:00:00+08:00"}""",
                // no auto-rating at 03-07 12:00 (the caller rated); the manual callback's due passes.
                """{"event":"overdue","ticket":"T1","at":"2026-03-07T00:00:00+08:00","clock":"callback","due":"2026-03-07T00:00:00+08:00"}""",
                // §7.6: after callback-required a rate is accepted without a new callback; it replaces the rating.
                """{"event":"rated","ticket":"T1","at":"2026-03-09T09:00:00+08:00","rating":"satisfied","auto":false}""",
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
                """{"event":"status","ticket":"T1","state":"closed","rating":"satisfied"}"""));
    }

    [Fact]
    public void Callback_StateRules_RateNeedsCallback_AutoOnlyWhenUnratedAndNonePending_ManualReRates()
    {
        Run(Cs, Closed(
                Rate("2026-03-04T11:30:00+08:00", "satisfied"),
                Callback("2026-03-04T12:00:00+08:00", "auto"),
                Callback("2026-03-04T12:30:00+08:00", "auto"),
                Rate("2026-03-04T13:00:00+08:00", "satisfied"),
                Callback("2026-03-04T14:00:00+08:00", "auto"),
                Callback("2026-03-04T15:00:00+08:00", "manual"),
                Rate("2026-03-04T16:00:00+08:00", "basic"),
                Rate("2026-03-04T17:00:00+08:00", "unsatisfied"),
                Cmd("query", "2026-03-04T18:00:00+08:00", "T1")))
            .Expect(With(
                """{"event":"rejected","ticket":"T1","at":"2026-03-04T11:30:00+08:00","code":"invalid-state"}""",
                """{"event":"callback-sent","ticket":"T1","mode":"auto"}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-04T12:30:00+08:00","code":"invalid-state"}""",
                """{"event":"rated","ticket":"T1","rating":"satisfied","auto":false}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-04T14:00:00+08:00","code":"invalid-state"}""",
                """{"event":"callback-sent","ticket":"T1","mode":"manual"}""",
                """{"event":"rated","ticket":"T1","rating":"basic","auto":false}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-04T17:00:00+08:00","code":"invalid-state"}""",
                """{"event":"status","ticket":"T1","rating":"basic"}"""));
    }

    [Fact]
    public void Rate_UnsatisfiedOnManualCallback_NoCallbackRequired()
    {
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "manual"), Rate("2026-03-05T09:00:00+08:00", "unsatisfied"), Cmd("advance", "2026-03-10T00:00:00+08:00")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1","mode":"manual"}""",
                """{"event":"rated","ticket":"T1","rating":"unsatisfied","auto":false}"""));
    }

    [Fact]
    public void Appeal_AtWindowEnd_WindowClosed()
    {
        // rated Thu 03-05 09:00; 5wd: 06, 09, 10, 11, 12 → 03-13T00:00 (exclusive).
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "manual"), Rate("2026-03-05T09:00:00+08:00", "unsatisfied"),
                Appeal("2026-03-13T00:00:00+08:00")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1"}""",
                """{"event":"rated","ticket":"T1","rating":"unsatisfied"}""",
                """{"event":"rejected","ticket":"T1","at":"2026-03-13T00:00:00+08:00","code":"window-closed"}"""));
    }

    [Fact]
    public void Appeal_FiledJustInsideWindow_PendingAndApprovedBlockMore_RatingKeptOnStatus()
    {
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "manual"), Rate("2026-03-05T09:00:00+08:00", "unsatisfied"),
                Appeal("2026-03-06T09:00:00+08:00", unit: "furong-gov"),
                Appeal("2026-03-06T09:01:00+08:00", ground: "bogus"),
                Appeal("2026-03-12T23:59:59+08:00", ground: "lawful-limit"),
                Appeal("2026-03-12T23:59:59+08:00", ground: "led"),
                Cmd("appeal-decision", "2026-03-16T10:00:00+08:00", "T1", ",\"approve\":true"),
                Appeal("2026-03-16T10:01:00+08:00", ground: "led"),
                Cmd("appeal-decision", "2026-03-16T10:02:00+08:00", "T1", ",\"approve\":true"),
                Cmd("query", "2026-03-16T11:00:00+08:00", "T1")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1"}""",
                """{"event":"rated","ticket":"T1","rating":"unsatisfied"}""",
                """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""",
                """{"event":"rejected","ticket":"T1","code":"schema"}""",
                """{"event":"appeal-filed","ticket":"T1","at":"2026-03-12T23:59:59+08:00","ground":"lawful-limit"}""",
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
                """{"event":"appeal-approved","ticket":"T1","at":"2026-03-16T10:00:00+08:00"}""",
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
                // §7.4: an approved appeal keeps the rating on the ticket.
                """{"event":"status","ticket":"T1","state":"closed","rating":"unsatisfied"}"""));
    }

    [Fact]
    public void Appeal_RefusedThenAnotherInsideWindow_Allowed()
    {
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "manual"), Rate("2026-03-05T09:00:00+08:00", "unsatisfied"),
                Appeal("2026-03-06T09:00:00+08:00", ground: "new-demand"),
                Cmd("appeal-decision", "2026-03-06T10:00:00+08:00", "T1", ",\"approve\":false"),
                Appeal("2026-03-06T11:00:00+08:00", ground: "unfounded")))
            .Expect(With(
                """{"event":"callback-sent","ticket":"T1"}""",
                """{"event":"rated","ticket":"T1"}""",
                """{"event":"appeal-filed","ticket":"T1","ground":"new-demand"}""",
                """{"event":"appeal-refused","ticket":"T1","at":"2026-03-06T10:00:00+08:00"}""",
                """{"event":"appeal-filed","ticket":"T1","ground":"unfounded"}"""));
    }

    [Theory]
    [InlineData("recording")]
    [InlineData("led")]
    [InlineData("lawful-limit")]
    [InlineData("new-demand")]
    [InlineData("unfounded")]
    public void Appeal_EachGround_Filed(string ground)
    {
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "manual"), Rate("2026-03-05T09:00:00+08:00", "unsatisfied"), Appeal("2026-03-05T10:00:00+08:00", ground)))
            .ExpectAt(7, $$"""{"event":"appeal-filed","ticket":"T1","ground":"{{ground}}"}""");
    }

    [Fact]
    public void Appeal_AgainstSatisfied_InvalidState_DecisionWithoutAppeal_InvalidState()
    {
        Run(Cs, Closed(Callback("2026-03-04T12:00:00+08:00", "manual"), Rate("2026-03-05T09:00:00+08:00", "satisfied"),
                Appeal("2026-03-05T10:00:00+08:00"),
                Cmd("appeal-decision", "2026-03-05T11:00:00+08:00", "T1", ",\"approve\":true")))
            .ExpectAt(7,
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
                """{"event":"rejected","ticket":"T1","code":"invalid-state"}""");
    }

    [Fact]
    public void Supervise_ClosedTicket_LevelZero()
    {
        Run(Cs, Closed(Cmd("supervise", "2026-03-05T09:00:00+08:00", "T1", ",\"reason\":\"media exposure\"")))
            .Expect(With("""{"event":"supervision","ticket":"T1","at":"2026-03-05T09:00:00+08:00","level":0,"reason":"media exposure"}"""));
    }
}

using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>Spec protocol.md §2.1 intake, §7.7: refusals, redirects, forwarding, duplicates, answers at intake.</summary>
public class IntakeScenarioTests
{
    private const string Cs = "changsha-2020";
    private const string T0 = "2026-03-02T09:15:00+08:00"; // Mon

    [Theory]
    [InlineData("legal-channel")]
    [InlineData("petition")]
    [InlineData("out-of-scope-body")]
    [InlineData("secret")]
    [InlineData("hidden-number")]
    [InlineData("incomplete")]
    [InlineData("abusive")]
    public void Receive_ExclusionCode_RefusedWithReasonAndGuidanceAndNoTicket(string code)
    {
        Run(Cs,
            Receive(T0, "T1", extra: $",\"exclusion\":\"{code}\""),
            Cmd("query", "2026-03-02T09:16:00+08:00", "T1"))
        .Expect(
            $$"""{"event":"refused","ticket":"T1","at":"{{T0}}","reason":"{{code}}","guidance":"$any","redirect":"$absent"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-03-02T09:16:00+08:00","code":"unknown-ticket"}""");
    }

    [Fact]
    public void Receive_ExclusionCode_GuidanceIsNonEmptyText()
    {
        var r = Run(Cs, Receive(T0, "T1", extra: ",\"exclusion\":\"petition\""));
        r.Expect("""{"event":"refused","reason":"petition"}""");
        Assert.False(string.IsNullOrWhiteSpace(r.Events[0].GetProperty("guidance").GetString()));
    }

    [Theory]
    [InlineData("police", "110")]
    [InlineData("fire", "119")]
    [InlineData("medical", "120")]
    [InlineData("traffic", "122")]
    public void Receive_Emergency_RefusedWithRedirectString(string emergency, string number)
    {
        Run(Cs, Receive(T0, "T1", extra: $",\"emergency\":\"{emergency}\""))
            .Expect($$"""{"event":"refused","ticket":"T1","at":"{{T0}}","reason":"emergency","redirect":"{{number}}","guidance":"$any"}""");
    }

    [Fact]
    public void Receive_RegionOutsideTree_ForwardedToProvinceAndNoTicket()
    {
        Run(Cs,
            Receive(T0, "T1", region: "440100"),
            Cmd("sign", "2026-03-02T09:20:00+08:00", "T1", ",\"unit\":\"city-env\""))
        .Expect(
            $$"""{"event":"forwarded","ticket":"T1","at":"{{T0}}","to":"province"}""",
            """{"event":"rejected","ticket":"T1","code":"unknown-ticket"}""");
    }

    [Fact]
    public void Receive_EmergencyAndExclusionAndOutsideRegion_EmergencyWins()
    {
        // §2.1 check order: emergency, exclusion, jurisdiction, duplicate.
        Run(Cs, Receive(T0, "T1", region: "440100", extra: ",\"exclusion\":\"abusive\",\"emergency\":\"fire\""))
            .Expect("""{"event":"refused","ticket":"T1","reason":"emergency","redirect":"119"}""");
    }

    [Fact]
    public void Receive_ExclusionAndOutsideRegion_ExclusionWins()
    {
        Run(Cs, Receive(T0, "T1", region: "440100", extra: ",\"exclusion\":\"secret\""))
            .Expect("""{"event":"refused","ticket":"T1","reason":"secret","redirect":"$absent"}""");
    }

    [Fact]
    public void Receive_ExclusionOnRepeatOfOpenTicket_RefusedNotDuplicate()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T10:00:00+08:00", "T2", extra: ",\"exclusion\":\"abusive\""),
            Receive("2026-03-02T10:05:00+08:00", "T3", extra: ",\"emergency\":\"medical\""))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"refused","ticket":"T2","reason":"abusive"}""",
            """{"event":"refused","ticket":"T3","reason":"emergency","redirect":"120"}""");
    }

    [Fact]
    public void Receive_SamePhoneCategoryRegionAsOpenTicket_DuplicateOfOriginalAndNoTicket()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T10:00:00+08:00", "T2"),
            Cmd("query", "2026-03-02T10:01:00+08:00", "T2"),
            Cmd("query", "2026-03-02T10:02:00+08:00", "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"duplicate","ticket":"T2","at":"2026-03-02T10:00:00+08:00","of":"T1","state":"dispatched"}""",
            """{"event":"rejected","ticket":"T2","code":"unknown-ticket"}""",
            """{"event":"status","ticket":"T1","state":"dispatched"}""");
    }

    [Fact]
    public void Receive_DuplicateOfSignedTicket_StateIsSigned()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Cmd("sign", "2026-03-02T09:30:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Receive("2026-03-02T10:00:00+08:00", "T2"))
        .ExpectAt(3, """{"event":"duplicate","ticket":"T2","of":"T1","state":"signed"}""");
    }

    [Fact]
    public void Receive_DifferentPhoneOrCategoryOrRegion_NotDuplicate()
    {
        var r = Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T10:00:00+08:00", "T2", phone: "13900000002"),
            Receive("2026-03-02T10:01:00+08:00", "T3", category: "noise.construction"),
            Receive("2026-03-02T10:02:00+08:00", "T4", region: "430102001"));
        Assert.Equal(4, r.Named("accepted").Count);
        Assert.Empty(r.Named("duplicate"));
    }

    [Fact]
    public void Receive_NewInformation_BypassesDuplicate()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T10:00:00+08:00", "T2", extra: ",\"newInformation\":true"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"accepted","ticket":"T2"}""",
            """{"event":"dispatched","ticket":"T2","unit":"city-env"}""");
    }

    [Fact]
    public void Receive_NoCallerPhone_NeverDuplicate()
    {
        Run(Cs,
            Receive(T0, "T1", phone: null),
            Receive("2026-03-02T10:00:00+08:00", "T2", phone: null))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"accepted","ticket":"T2"}""",
            """{"event":"dispatched","ticket":"T2"}""");
    }

    [Fact]
    public void Receive_SeveralOriginals_EarliestReceivedWinsOverLowerId()
    {
        // Z9 is received first; A1 has the lowest id but came later: of = Z9.
        Run(Cs,
            Receive(T0, "Z9"),
            Receive("2026-03-02T09:30:00+08:00", "A1", extra: ",\"newInformation\":true"),
            Receive("2026-03-02T10:00:00+08:00", "M5"))
        .ExpectAt(4, """{"event":"duplicate","ticket":"M5","of":"Z9","state":"dispatched"}""");
    }

    [Fact]
    public void Receive_SeveralOriginalsSameInstant_LowestIdWins()
    {
        Run(Cs,
            Receive(T0, "B2", extra: ",\"newInformation\":true"),
            Receive(T0, "A1", extra: ",\"newInformation\":true"),
            Receive("2026-03-02T10:00:00+08:00", "C3"))
        .ExpectAt(4, """{"event":"duplicate","ticket":"C3","of":"A1"}""");
    }

    // The closed original: T1 signed, closed at 03-03 10:00, approved at 03-03 11:00 (the `closed` event).
    // duplicateWindow 30d (elapsed): closed + 30d = 2026-04-02T11:00:00+08:00, exclusive.
    private static string[] ClosedOriginal(params string[] more) =>
    [
        Receive(T0, "T1", kind: "consultation"),
        Cmd("sign", "2026-03-02T09:30:00+08:00", "T1", ",\"unit\":\"city-env\""),
        Cmd("close", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
        Cmd("close-decision", "2026-03-03T11:00:00+08:00", "T1", ",\"approve\":true"),
        .. more,
    ];

    [Fact]
    public void Receive_RepeatJustInsideDuplicateWindowAfterClose_DuplicateStateClosed()
    {
        var r = Run(Cs, ClosedOriginal(Receive("2026-04-02T10:59:59+08:00", "T2", kind: "consultation")));
        r.ExpectAt(4, """{"event":"closed","ticket":"T1","at":"2026-03-03T11:00:00+08:00","onTime":true}""");
        Assert.Equal(6, r.Events.Count);
        r.ExpectAt(5, """{"event":"duplicate","ticket":"T2","at":"2026-04-02T10:59:59+08:00","of":"T1","state":"closed"}""");
    }

    [Fact]
    public void Receive_RepeatExactlyAtDuplicateWindowEnd_Accepted()
    {
        var r = Run(Cs, ClosedOriginal(Receive("2026-04-02T11:00:00+08:00", "T2", kind: "consultation")));
        Assert.Empty(r.Named("duplicate"));
        r.ExpectAt(5, """{"event":"accepted","ticket":"T2","at":"2026-04-02T11:00:00+08:00"}""");
    }

    [Fact]
    public void Receive_RepeatOfAnsweredTicket_NotDuplicate()
    {
        // §7.7: an answered ticket never matches as a duplicate original.
        Run(Cs,
            Receive(T0, "T1", kind: "consultation", extra: ",\"answer\":\"Office hours are 9-5.\""),
            Receive("2026-03-02T10:00:00+08:00", "T2", kind: "consultation"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"answered","ticket":"T1","at":"2026-03-02T09:15:00+08:00"}""",
            """{"event":"accepted","ticket":"T2"}""",
            """{"event":"dispatched","ticket":"T2"}""");
    }

    [Fact]
    public void Receive_ReusedIdOfOpenTicket_DuplicateId()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T10:00:00+08:00", "T1", phone: "13900000009", category: "road"))
        .ExpectAt(2, """{"event":"rejected","ticket":"T1","at":"2026-03-02T10:00:00+08:00","code":"duplicate-id"}""");
    }

    [Theory]
    [InlineData(",\"exclusion\":\"incomplete\"", "430102002", "refused")]
    [InlineData(",\"emergency\":\"police\"", "430102002", "refused")]
    [InlineData("", "999999", "forwarded")]
    public void Receive_ReusedIdOfRefusedOrForwarded_DuplicateIdAndCommandsUnknownTicket(string extra, string region, string first)
    {
        // §7.7: a refused or forwarded receive creates no ticket, but its id stays used.
        var receive = Receive(T0, "T1", region: region, extra: extra);
        Run(Cs,
            receive,
            Cmd("query", "2026-03-02T09:20:00+08:00", "T1"),
            Cmd("supervise", "2026-03-02T09:21:00+08:00", "T1", ",\"reason\":\"leader\""),
            Receive("2026-03-02T09:30:00+08:00", "T1", phone: "13900000009", category: "road"))
        .Expect(
            $$"""{"event":"{{first}}","ticket":"T1"}""",
            """{"event":"rejected","ticket":"T1","code":"unknown-ticket"}""",
            """{"event":"rejected","ticket":"T1","code":"unknown-ticket"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-03-02T09:30:00+08:00","code":"duplicate-id"}""");
    }

    [Fact]
    public void Receive_ReusedIdOfDuplicate_DuplicateId()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T09:20:00+08:00", "T2"),
            Cmd("query", "2026-03-02T09:25:00+08:00", "T2"),
            Receive("2026-03-02T09:30:00+08:00", "T2", phone: "13900000009", category: "road"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"duplicate","ticket":"T2","of":"T1"}""",
            """{"event":"rejected","ticket":"T2","code":"unknown-ticket"}""",
            """{"event":"rejected","ticket":"T2","code":"duplicate-id"}""");
    }

    [Fact]
    public void Receive_IdOfRejectedReceive_CanBeUsedAgain()
    {
        // duplicate-id counts only receives "that were not rejected" (§2).
        Run(Cs,
            Receive(T0, "T1", extra: "").Replace("\"phone\",", "\"fax\",", StringComparison.Ordinal),
            Receive("2026-03-02T09:20:00+08:00", "T1"))
        .Expect(
            """{"event":"rejected","ticket":"T1","code":"schema"}""",
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""");
    }

    [Fact]
    public void Receive_WithAnswer_AcceptedThenAnsweredAndNoClocks()
    {
        Run(Cs,
            Receive(T0, "T1", kind: "consultation", extra: ",\"answer\":\"The knowledge base says so.\""),
            Cmd("query", "2026-03-02T09:20:00+08:00", "T1"),
            Cmd("advance", "2026-03-20T00:00:00+08:00"))
        .Expect(
            $$"""{"event":"accepted","ticket":"T1","at":"{{T0}}"}""",
            $$"""{"event":"answered","ticket":"T1","at":"{{T0}}"}""",
            """{"event":"status","ticket":"T1","state":"answered","unit":null,"signDue":null,"returnDue":null,"handleDue":null,"rating":null,"extensions":0}""");
    }

    [Theory]
    [InlineData("sign", ",\"unit\":\"city-env\"")]
    [InlineData("close", ",\"unit\":\"city-env\",\"reply\":\"x\"")]
    [InlineData("dispatch", ",\"unit\":\"city-env\"")]
    [InlineData("callback", ",\"mode\":\"manual\"")]
    [InlineData("redo", "")]
    [InlineData("supervise", ",\"reason\":\"leader\"")]
    [InlineData("return", ",\"unit\":\"city-env\",\"reason\":\"not ours\"")]
    [InlineData("extend", ",\"unit\":\"city-env\",\"days\":1,\"reason\":\"x\"")]
    public void Command_OnAnsweredTicket_InvalidState(string op, string extra)
    {
        Run(Cs,
            Receive(T0, "T1", kind: "consultation", extra: ",\"answer\":\"Answered.\""),
            Cmd(op, "2026-03-02T09:20:00+08:00", "T1", extra))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"answered","ticket":"T1"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-03-02T09:20:00+08:00","code":"invalid-state"}""");
    }

    [Fact]
    public void Receive_WithAnswerRepeatingOpenTicket_DuplicateFirst()
    {
        // §2.1: the duplicate check comes before acceptance (and so before answering).
        Run(Cs,
            Receive(T0, "T1"),
            Receive("2026-03-02T10:00:00+08:00", "T2", extra: ",\"answer\":\"x\""))
        .ExpectAt(2, """{"event":"duplicate","ticket":"T2","of":"T1","state":"dispatched"}""");
    }
}

using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>§6 report: every counter, credit to the holding unit, [from, to), rates, unit filter, §7.4, §7.11.</summary>
public class ReportScenarioTests
{
    private const string Cs = "changsha-2020";

    private static string C(string op, string at, string ticket, string extra = "") => Cmd(op, at, ticket, extra);

    // Changsha, all in March 2026 (Mon 02 .. Mon 16):
    // T1 consultation → city-env: signed on time, closed on time, rated satisfied, redo, closed on time again, satisfied.
    // T2 consultation → city-env: signed late (signDue 03-04T00:00, signed 03-04 09:00), returned, re-dispatched
    //    to furong-gov: signed on time, extended once, handle overdue, closed late, unsatisfied on the auto callback,
    //    then basic on the manual one (current rating basic).
    // T3 complaint → tianxin-gov: only its sign overdue (not a handle overdue).
    // T4 consultation → city-env: signed on time, handle overdue twice (the due and a refused close), closed late,
    //    unsatisfied, appeal approved (not counted).
    private static readonly string[] Script =
    [
        Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001", phone: "13800000001"),
        Receive("2026-03-02T09:20:00+08:00", "T2", kind: "consultation", category: "noise", region: "430103001", phone: "13800000002"),
        Receive("2026-03-02T10:00:00+08:00", "T3", kind: "complaint", category: "road", region: "430103001", phone: "13800000003"),
        Receive("2026-03-02T11:00:00+08:00", "T4", kind: "consultation", category: "noise", region: "430103001", phone: "13800000004"),
        C("sign", "2026-03-03T09:00:00+08:00", "T4", ",\"unit\":\"city-env\""),       // handleDue 03-07T00:00
        C("sign", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),       // handleDue 03-07T00:00
        C("sign", "2026-03-04T09:00:00+08:00", "T2", ",\"unit\":\"city-env\""),       // late; returnDue 03-07T00:00
        C("close", "2026-03-04T10:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
        C("close-decision", "2026-03-04T11:00:00+08:00", "T1", ",\"approve\":true"),
        C("callback", "2026-03-04T12:00:00+08:00", "T1", ",\"mode\":\"manual\""),
        C("rate", "2026-03-04T13:00:00+08:00", "T1", ",\"rating\":\"satisfied\""),
        C("return", "2026-03-05T09:00:00+08:00", "T2", ",\"unit\":\"city-env\",\"reason\":\"not ours\""),
        C("return-decision", "2026-03-05T10:00:00+08:00", "T2", ",\"approve\":true,\"unit\":\"furong-gov\""), // signDue 03-07T00:00
        C("sign", "2026-03-05T11:00:00+08:00", "T2", ",\"unit\":\"furong-gov\""),     // handleDue 3wd: 06, 09, 10 → 03-11T00:00
        C("extend", "2026-03-06T09:00:00+08:00", "T2", ",\"unit\":\"furong-gov\",\"days\":1,\"reason\":\"x\""),
        C("extend-decision", "2026-03-06T10:00:00+08:00", "T2", ",\"approve\":true"), // → 03-12T00:00
        // T4: overdue 03-07T00:00 (+ L1); close, refused after the due → overdue again at 03-09 10:00.
        C("close", "2026-03-09T09:00:00+08:00", "T4", ",\"unit\":\"city-env\",\"reply\":\"done\""),
        C("close-decision", "2026-03-09T10:00:00+08:00", "T4", ",\"approve\":false"),
        C("close", "2026-03-09T11:00:00+08:00", "T4", ",\"unit\":\"city-env\",\"reply\":\"done\""),
        C("close-decision", "2026-03-09T12:00:00+08:00", "T4", ",\"approve\":true"),
        C("callback", "2026-03-09T13:00:00+08:00", "T4", ",\"mode\":\"manual\""),
        C("rate", "2026-03-09T14:00:00+08:00", "T4", ",\"rating\":\"unsatisfied\""),
        C("appeal", "2026-03-09T15:00:00+08:00", "T4", ",\"unit\":\"city-env\",\"ground\":\"unfounded\""),
        C("appeal-decision", "2026-03-09T16:00:00+08:00", "T4", ",\"approve\":true"),
        // T1 redo (rating cleared), closed on time again (redo due 03-14T00:00), rated satisfied again.
        C("redo", "2026-03-10T09:00:00+08:00", "T1"),
        C("close", "2026-03-10T10:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done again\""),
        C("close-decision", "2026-03-10T11:00:00+08:00", "T1", ",\"approve\":true"),
        C("callback", "2026-03-10T11:30:00+08:00", "T1", ",\"mode\":\"manual\""),
        C("rate", "2026-03-10T12:00:00+08:00", "T1", ",\"rating\":\"satisfied\""),
        // T2: overdue 03-12T00:00, closed late, unsatisfied on the auto callback, then basic (manual callback open).
        C("close", "2026-03-12T10:00:00+08:00", "T2", ",\"unit\":\"furong-gov\",\"reply\":\"done\""),
        C("close-decision", "2026-03-12T11:00:00+08:00", "T2", ",\"approve\":true"),
        C("callback", "2026-03-12T11:30:00+08:00", "T2", ",\"mode\":\"auto\""),
        C("rate", "2026-03-12T12:00:00+08:00", "T2", ",\"rating\":\"unsatisfied\""),
        C("rate", "2026-03-13T09:00:00+08:00", "T2", ",\"rating\":\"basic\""),
    ];

    private static ScenarioResult RunReport(params string[] reports)
    {
        var r = Run(Cs, [.. Script, .. reports]);
        Assert.True(r.Named("rejected").Count == 0, r.Dump());
        return r;
    }

    private const string CityEnv = """
        {"dispatched":3,"signedOnTime":2,"signedLate":1,"returned":1,"extended":0,"closed":3,"closedOnTime":2,"overdue":1,
         "satisfied":1,"basic":0,"unsatisfied":0,"redo":1,"onTimeRate":0.6667,"satisfactionRate":1}
        """;

    private const string FurongGov = """
        {"dispatched":1,"signedOnTime":1,"signedLate":0,"returned":0,"extended":1,"closed":1,"closedOnTime":0,"overdue":1,
         "satisfied":0,"basic":1,"unsatisfied":0,"redo":0,"onTimeRate":0,"satisfactionRate":1}
        """;

    private const string TianxinGov = """
        {"dispatched":1,"signedOnTime":0,"signedLate":0,"returned":0,"extended":0,"closed":0,"closedOnTime":0,"overdue":0,
         "satisfied":0,"basic":0,"unsatisfied":0,"redo":0,"onTimeRate":null,"satisfactionRate":null}
        """;

    [Fact]
    public void Report_WholeWindow_EveryCounterPerUnit()
    {
        var r = RunReport(Cmd("report", "2026-03-16T00:00:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-16T00:00:00+08:00\""));
        var report = r.Events[^1];
        r.ExpectAt(r.Events.Count - 1,
            """{"event":"report","at":"2026-03-16T00:00:00+08:00","from":"2026-03-02T00:00:00+08:00","to":"2026-03-16T00:00:00+08:00","ticket":"$absent"}""");
        r.ExpectAt(r.Events.Count - 1, $$$"""{"units":{"city-env":{{{CityEnv}}},"furong-gov":{{{FurongGov}}},"tianxin-gov":{{{TianxinGov}}}}}""");
        Assert.Equal(3, report.GetProperty("units").EnumerateObject().Count());
    }

    [Fact]
    public void Report_UnitFilter_OnlyThatUnit()
    {
        var r = RunReport(Cmd("report", "2026-03-16T00:00:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-16T00:00:00+08:00\",\"unit\":\"furong-gov\""));
        r.ExpectAt(r.Events.Count - 1, $$$"""{"event":"report","units":{"furong-gov":{{{FurongGov}}}}}""");
    }

    [Fact]
    public void Report_UnitWithNoCounts_EmptyUnits()
    {
        var r = RunReport(Cmd("report", "2026-03-16T00:00:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-16T00:00:00+08:00\",\"unit\":\"city-transport\""));
        r.ExpectAt(r.Events.Count - 1, """{"event":"report","units":{}}""");
    }

    [Fact]
    public void Report_FromInclusiveToExclusive()
    {
        // [03-09 10:00, 03-09 12:00): T4's second overdue (at exactly 10:00) counts; its `closed` at exactly 12:00 does not.
        var r = RunReport(Cmd("report", "2026-03-16T00:00:00+08:00", extra: ",\"from\":\"2026-03-09T10:00:00+08:00\",\"to\":\"2026-03-09T12:00:00+08:00\""));
        r.ExpectAt(r.Events.Count - 1, """
            {"event":"report","units":{"city-env":{"dispatched":0,"signedOnTime":0,"signedLate":0,"returned":0,"extended":0,"closed":0,"closedOnTime":0,"overdue":1,
             "satisfied":0,"basic":0,"unsatisfied":0,"redo":0,"onTimeRate":null,"satisfactionRate":null}}}
            """);
    }

    [Fact]
    public void Report_FirstDay_OnlyDispatches()
    {
        var r = RunReport(Cmd("report", "2026-03-16T00:00:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-03T00:00:00+08:00\""));
        r.ExpectAt(r.Events.Count - 1, """
            {"event":"report","units":{
              "city-env":{"dispatched":3,"signedOnTime":0,"signedLate":0,"returned":0,"extended":0,"closed":0,"closedOnTime":0,"overdue":0,
               "satisfied":0,"basic":0,"unsatisfied":0,"redo":0,"onTimeRate":null,"satisfactionRate":null},
              "tianxin-gov":{"dispatched":1,"signedOnTime":0,"signedLate":0,"returned":0,"extended":0,"closed":0,"closedOnTime":0,"overdue":0,
               "satisfied":0,"basic":0,"unsatisfied":0,"redo":0,"onTimeRate":null,"satisfactionRate":null}}}
            """);
    }

    [Fact]
    public void Report_RatingsAsTheyStandWhenReportRuns_RedoClearsUntilRerated()
    {
        // A report run between T1's redo (03-10 09:00) and its new rating (03-10 12:00): T1's earlier
        // `satisfied` no longer counts (§7.4: redo clears the rating; ratings as they stand when `report` runs).
        string[] upToRedo = [.. Script.TakeWhile(l => !l.Contains("\"2026-03-10T10:00:00+08:00\"", StringComparison.Ordinal))];
        var r = Run(Cs, [.. upToRedo, Cmd("report", "2026-03-10T09:30:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-10T09:30:00+08:00\",\"unit\":\"city-env\"")]);
        Assert.True(r.Named("rejected").Count == 0, r.Dump());
        r.ExpectAt(r.Events.Count - 1, """
            {"event":"report","units":{"city-env":{"dispatched":3,"signedOnTime":2,"signedLate":1,"returned":1,"extended":0,"closed":2,"closedOnTime":1,"overdue":1,
             "satisfied":0,"basic":0,"unsatisfied":0,"redo":1,"onTimeRate":0.5,"satisfactionRate":null}}}
            """);
    }

    [Fact]
    public void Report_FromToInOtherOffset_PrintedInProfileZone()
    {
        var r = RunReport(Cmd("report", "2026-03-16T00:00:00+08:00", extra: ",\"from\":\"2026-03-01T16:00:00Z\",\"to\":\"2026-03-02T16:00:00Z\",\"unit\":\"tianxin-gov\""));
        r.ExpectAt(r.Events.Count - 1, """{"event":"report","from":"2026-03-02T00:00:00+08:00","to":"2026-03-03T00:00:00+08:00"}""");
        Assert.Equal(1, r.Events[^1].GetProperty("units").GetProperty("tianxin-gov").GetProperty("dispatched").GetInt32());
    }
}

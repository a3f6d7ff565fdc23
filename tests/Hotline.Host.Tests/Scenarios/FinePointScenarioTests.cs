using System.Globalization;
using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// Fine points: §7.5 no sign clock, §2.2 absent clocks, handle-limit precedence (§2.2, §7.16), urgent and
/// complex maps, closeOfBusiness (§3) and applyBefore in business hours, hot spots (§2, §7.15),
/// duplicates of tickets under review, half-even rounding (§7.11), durable mode (§1, §7.10).
/// </summary>
public class FinePointScenarioTests
{
    private static string WithProfile(string json, Func<string, ScenarioResult> run)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            run(path);
            return path;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sign_WithoutSignClock_AcceptedStartsNothingAndCountsInNeitherSignedCounter()
    {
        // Linyi: consultation 1wd from dispatch Mon 03-02 → 03-04T00:00; return 2wd → 03-05T00:00.
        var r = Run("linyi-2016",
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Cmd("sign", "2026-03-02T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Cmd("query", "2026-03-02T10:01:00+08:00", "T1"),
            Cmd("report", "2026-03-02T11:00:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-02T11:00:00+08:00\""));
        r.Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-04T00:00:00+08:00","returnDue":"2026-03-05T00:00:00+08:00"}""",
            """{"event":"signed","ticket":"T1","unit":"city-env","handleDue":"$absent","returnDue":"$absent","signDue":"$absent"}""",
            """{"event":"status","ticket":"T1","state":"signed","signDue":null,"handleDue":"2026-03-04T00:00:00+08:00","returnDue":"2026-03-05T00:00:00+08:00"}""",
            """
            {"event":"report","units":{"city-env":{"dispatched":1,"signedOnTime":0,"signedLate":0,"returned":0,"extended":0,"closed":0,"closedOnTime":0,"overdue":0,
             "satisfied":0,"basic":0,"unsatisfied":0,"redo":0,"onTimeRate":null,"satisfactionRate":null}}}
            """);
    }

    [Fact]
    public void AbsentClocks_NoAutoRating_CallbackRequiredWithoutDue_AppealWithoutDeadline()
    {
        Run("linyi-2016",
            Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001"),
            Cmd("close", "2026-03-02T11:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"done\""),
            Cmd("close-decision", "2026-03-02T12:00:00+08:00", "T1", ",\"approve\":true"),
            Cmd("callback", "2026-03-02T13:00:00+08:00", "T1", ",\"mode\":\"auto\""),
            Cmd("advance", "2026-03-20T00:00:00+08:00"),
            Cmd("rate", "2026-03-20T09:00:00+08:00", "T1", ",\"rating\":\"unsatisfied\""),
            Cmd("appeal", "2026-06-01T09:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"ground\":\"led\""))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            """{"event":"close-requested","ticket":"T1"}""",
            """{"event":"closed","ticket":"T1","onTime":true}""",
            """{"event":"callback-sent","ticket":"T1","mode":"auto"}""",
            """{"event":"rated","ticket":"T1","at":"2026-03-20T09:00:00+08:00","rating":"unsatisfied","auto":false}""",
            """{"event":"callback-required","ticket":"T1","due":"$absent"}""",
            """{"event":"appeal-filed","ticket":"T1","at":"2026-06-01T09:00:00+08:00","ground":"led"}""");
    }

    [Theory]
    // From Mon 03-02 (from dispatch): 1wd 03-04, 2wd 03-05, 3wd 03-06, 4wd 03-07, 5wd 03-10, 10wd 03-17 (T00:00).
    [InlineData("complaint", "noise", "430103001", "", "2026-03-17T00:00:00+08:00")]                       // kind
    [InlineData("complaint", "noise", "430103001", ",\"complex\":true", "2026-03-07T00:00:00+08:00")]     // complex map names complaint
    [InlineData("complaint", "noise.construction", "430102002", ",\"complex\":true", "2026-03-10T00:00:00+08:00")] // entry 5wd > complex
    [InlineData("complaint", "noise.construction", "430102002", ",\"urgent\":true", "2026-03-04T00:00:00+08:00")]  // urgent > entry
    [InlineData("complaint", "noise.construction", "430102002", ",\"urgent\":true,\"limit\":\"2wd\"", "2026-03-05T00:00:00+08:00")] // statutory > urgent
    [InlineData("consultation", "noise", "430103001", ",\"urgent\":true", "2026-03-06T00:00:00+08:00")]   // §7.16: urgent map lacks consultation
    [InlineData("consultation", "noise.construction", "430102002", ",\"urgent\":true", "2026-03-10T00:00:00+08:00")] // §7.16: keeps the entry's
    [InlineData("consultation", "noise", "430103001", ",\"complex\":true", "2026-03-06T00:00:00+08:00")]  // complex map lacks consultation
    [InlineData("help", "noise", "430103001", ",\"urgent\":true,\"complex\":true", "2026-03-05T00:00:00+08:00")] // urgent > complex
    public void HandleLimit_Precedence_StatutoryUrgentEntryComplexKind(string kind, string category, string region, string extra, string handleDue)
    {
        WithProfile("""
            {"name": "precedence", "zone": "Asia/Shanghai",
             "clocks": {"handle": {"from": "dispatch", "limit": {"consultation": "3wd", "default": "10wd"},
                                   "complex": {"complaint": "4wd", "help": "4wd"}, "urgent": {"complaint": "1wd", "help": "2wd"}}}}
            """, path => Run(path, Receive("2026-03-02T09:15:00+08:00", "T1", kind: kind, category: category, region: region, phone: null, extra: extra))
                .ExpectAt(1, $$"""{"event":"dispatched","ticket":"T1","handleDue":"{{handleDue}}"}"""));
    }

    private const string CloseOfBusiness = """
        {"name": "cob", "zone": "Asia/Shanghai", "periodEnd": "closeOfBusiness",
         "businessHours": [["09:00", "12:00"], ["14:00", "18:00"]],
         "clocks": {"handle": {"from": "dispatch", "limit": "3wd"}},
         "extension": {"applyBefore": "1wd"},
         "warning": {"before": "1wd"}}
        """;

    [Fact]
    public void CloseOfBusiness_DueAtLastIntervalClose_ExtensionToo()
    {
        // 3wd from Mon 03-02: last day Thu 03-05, ending at its last interval's close 18:00.
        WithProfile(CloseOfBusiness, path => Run(path,
                Receive("2026-03-02T09:15:00+08:00", "T1", category: "noise", region: "430103001"),
                Cmd("extend", "2026-03-04T17:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"days\":1,\"reason\":\"x\""),
                Cmd("extend-decision", "2026-03-04T17:30:00+08:00", "T1", ",\"approve\":true"))
            .Expect(
                """{"event":"accepted","ticket":"T1"}""",
                """{"event":"dispatched","ticket":"T1","handleDue":"2026-03-05T18:00:00+08:00"}""",
                // applyBefore 1wd = one day's business hours (7h): [03-04 17:00, 03-05 18:00) holds 1h + 7h.
                """{"event":"extension-requested","ticket":"T1","days":1}""",
                // the end of the 1st working day after the last day 03-05: 03-06 18:00.
                """{"event":"extension-approved","ticket":"T1","handleDue":"2026-03-06T18:00:00+08:00"}"""));
    }

    [Theory]
    [InlineData("2026-03-05T09:00:00+08:00", "extension-requested")] // exactly 7h left (09–12, 14–18)
    [InlineData("2026-03-05T10:00:00+08:00", "rejected")]            // 6h left < 7h
    public void CloseOfBusiness_ApplyBeforeCountsBusinessHours(string at, string expected)
    {
        WithProfile(CloseOfBusiness, path => Run(path,
                Receive("2026-03-02T09:15:00+08:00", "T1", category: "noise", region: "430103001"),
                Cmd("extend", at, "T1", ",\"unit\":\"city-env\",\"days\":1,\"reason\":\"x\""))
            .ExpectAt(2,
                """{"event":"warning","ticket":"T1","at":"2026-03-05T00:00:00+08:00","due":"2026-03-05T18:00:00+08:00"}""",
                expected == "rejected"
                    ? """{"event":"rejected","ticket":"T1","code":"extension-limit"}"""
                    : $$"""{"event":"{{expected}}","ticket":"T1","at":"{{at}}"}"""));
    }

    [Fact]
    public void Duplicate_OfTicketUnderReturnReview_StateReturnRequested()
    {
        Run("changsha-2020",
            Receive("2026-03-02T09:15:00+08:00", "T1"),
            Cmd("sign", "2026-03-02T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Cmd("return", "2026-03-02T11:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reason\":\"x\""),
            Receive("2026-03-02T12:00:00+08:00", "T2"),
            Cmd("close", "2026-03-02T12:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"x\""))
        .ExpectAt(3,
            """{"event":"return-requested","ticket":"T1"}""",
            """{"event":"duplicate","ticket":"T2","of":"T1","state":"return-requested"}""",
            """{"event":"rejected","ticket":"T1","code":"invalid-state"}""");
    }

    private static string[] HotspotScript()
    {
        var lines = new List<string>();
        for (int i = 1; i <= 9; i++)
        {
            lines.Add(Receive($"2026-03-02T09:{i:00}:00+08:00", $"H{i:00}", phone: $"1380000{i:0000}", region: "430103001"));
        }

        // not counted: a duplicate of H01 and a refusal
        lines.Add(Receive("2026-03-02T09:20:00+08:00", "H10", phone: "13800000001", region: "430103001"));
        lines.Add(Receive("2026-03-02T09:21:00+08:00", "H11", phone: "13800009911", region: "430103001", extra: ",\"exclusion\":\"abusive\""));
        // the 10th accepted one, and an 11th (quiet for one window)
        lines.Add(Receive("2026-03-02T09:30:00+08:00", "H12", phone: "13800000012", region: "430103001"));
        lines.Add(Receive("2026-03-02T09:31:00+08:00", "H13", phone: "13800000013", region: "430103001"));
        return [.. lines];
    }

    [Fact]
    public void Hotspot_TenthAcceptedInWindow_OneHotspotAfterItsEventsAndThenQuiet()
    {
        var r = Run("changsha-2020", HotspotScript());
        var hot = r.Named("hotspot");
        Assert.True(hot.Count == 1, r.Dump());
        // 9 × (accepted, dispatched) = 18; duplicate 18; refused 19; H12 accepted 20, dispatched 21; hotspot 22.
        r.ExpectAt(18,
            """{"event":"duplicate","ticket":"H10"}""",
            """{"event":"refused","ticket":"H11"}""",
            """{"event":"accepted","ticket":"H12"}""",
            """{"event":"dispatched","ticket":"H12"}""",
            """{"event":"hotspot","at":"2026-03-02T09:30:00+08:00","category":"noise","region":"430103001","count":10,"baseline":0,"ticket":"$absent"}""",
            """{"event":"accepted","ticket":"H13"}""",
            """{"event":"dispatched","ticket":"H13"}""");
        Assert.Equal(25, r.Events.Count);
    }

    [Fact]
    public void Hotspot_ProfileWithoutRule_Never()
    {
        Assert.Empty(Run("linyi-2016", HotspotScript()).Named("hotspot"));
    }

    [Fact]
    public void Report_Rates_RoundHalfToEven()
    {
        // Linyi consultation 1wd: 32 tickets received Mon 03-02, due 03-04T00:00. One closed on time, 31 late:
        // onTimeRate = 1/32 = 0.03125 → half to even: 0.0312.
        var lines = new List<string>();
        for (int i = 0; i < 32; i++)
        {
            lines.Add(Receive("2026-03-02T09:15:00+08:00", $"R{i:00}", kind: "consultation", category: "noise", region: "430103001", phone: null));
        }

        for (int i = 0; i < 32; i++)
        {
            var at = i == 0 ? "2026-03-02T10:00:00+08:00" : "2026-03-04T09:00:00+08:00";
            lines.Add(Cmd("close", at, $"R{i:00}", ",\"unit\":\"city-env\",\"reply\":\"x\""));
            lines.Add(Cmd("close-decision", at, $"R{i:00}", ",\"approve\":true"));
        }

        lines.Add(Cmd("report", "2026-03-05T00:00:00+08:00", extra: ",\"from\":\"2026-03-02T00:00:00+08:00\",\"to\":\"2026-03-05T00:00:00+08:00\""));
        var r = Run("linyi-2016", [.. lines]);
        Assert.Empty(r.Named("rejected"));
        var env = r.Events[^1].GetProperty("units").GetProperty("city-env");
        Assert.Equal(32, env.GetProperty("closed").GetInt32());
        Assert.Equal(1, env.GetProperty("closedOnTime").GetInt32());
        Assert.Equal(31, env.GetProperty("overdue").GetInt32());
        Assert.Equal("0.0312", env.GetProperty("onTimeRate").GetDecimal().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Durable_ResumedRun_ContinuesClockSeqIdsAndTicketIds()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hotline-data-{Guid.NewGuid():N}");
        string[] args = ["run", "--profile", "changsha-2020", "--catalog", CatalogPath(Catalog), "--data", dir];
        var receive = Receive("2026-03-02T09:15:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001", extra: ",\"id\":\"c-1\"");
        try
        {
            RunArgs(args, receive).Expect(
                """{"seq":1,"event":"accepted","ticket":"T1"}""",
                """{"seq":2,"event":"dispatched","ticket":"T1"}""");

            RunArgs(args,
                receive,
                Receive("2026-03-02T09:20:00+08:00", "T1", phone: "13900000077", category: "road"),
                Cmd("query", "2026-03-02T09:00:00+08:00", "T1"),
                Cmd("advance", "2026-03-04T00:00:00+08:00"))
            .Expect(
                """{"seq":3,"event":"already-applied","id":"c-1","at":"2026-03-02T09:15:00+08:00"}""",
                """{"seq":4,"event":"rejected","ticket":"T1","code":"duplicate-id"}""",
                """{"seq":5,"event":"rejected","ticket":"T1","code":"out-of-order","at":"2026-03-02T09:20:00+08:00"}""",
                """{"seq":6,"event":"overdue","ticket":"T1","at":"2026-03-04T00:00:00+08:00","clock":"sign"}""");

            // §7.10: a resumed run must name the profile the directory was created with.
            var (exit, stdout, stderr) = CliRunner.RunWithInput(Cmd("query", "2026-03-04T01:00:00+08:00", "T1") + "\n",
                "run", "--profile", "linyi-2016", "--catalog", CatalogPath(Catalog), "--data", dir);
            Assert.Equal(2, exit);
            Assert.Empty(stdout);
            Assert.Single(stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}

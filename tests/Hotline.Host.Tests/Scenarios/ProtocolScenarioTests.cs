using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// §1 envelope, time, `by`, `id`, malformed lines and exit codes; §2 rejection codes and their order.
/// </summary>
public class ProtocolScenarioTests
{
    private const string Cs = "changsha-2020";
    private const string T0 = "2026-03-02T09:15:00+08:00";

    private static string R1() => Receive(T0, "T1", kind: "consultation", category: "noise", region: "430103001");

    private const string At10 = "2026-03-02T10:00:00+08:00";

    [Theory]
    // A valid `at`: the rejection carries the command's at (§1).
    [InlineData("""{"op":"sign","at":"2026-03-02T10:00:00+08:00","ticket":"T1"}""", At10)]
    [InlineData("""{"op":"sign","at":"2026-03-02T10:00:00+08:00","unit":"city-env"}""", At10)]
    [InlineData("""{"op":"sign","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":5}""", At10)]
    [InlineData("""{"at":"2026-03-02T10:00:00+08:00","ticket":"T1"}""", At10)]
    [InlineData("""{"op":"frobnicate","at":"2026-03-02T10:00:00+08:00","ticket":"T1"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"fax","kind":"help","category":"noise","region":"430100"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"rant","category":"noise","region":"430100"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","region":"430100"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","category":"noise"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","category":"noise","region":"430100","emergency":"coastguard"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","category":"noise","region":"430100","exclusion":"bored"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","category":"noise","region":"430100","complex":"yes"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","category":"noise","region":"430100","limit":"3xd"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":5,"channel":"web","kind":"help","category":"noise","region":"430100"}""", At10)]
    [InlineData("""{"op":"callback","at":"2026-03-02T10:00:00+08:00","ticket":"T1","mode":"robot"}""", At10)]
    [InlineData("""{"op":"rate","at":"2026-03-02T10:00:00+08:00","ticket":"T1","rating":"great"}""", At10)]
    [InlineData("""{"op":"close-decision","at":"2026-03-02T10:00:00+08:00","ticket":"T1","approve":"yes"}""", At10)]
    [InlineData("""{"op":"extend","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","days":"two","reason":"x"}""", At10)]
    [InlineData("""{"op":"extend","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","days":0,"reason":"x"}""", At10)]
    [InlineData("""{"op":"appeal","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","ground":"bogus"}""", At10)]
    [InlineData("""{"op":"report","at":"2026-03-02T10:00:00+08:00","to":"2026-03-03T00:00:00+08:00"}""", At10)]
    [InlineData("""{"op":"report","at":"2026-03-02T10:00:00+08:00","from":"2026-03-02T00:00:00","to":"2026-03-03T00:00:00+08:00"}""", At10)]
    [InlineData("""{"op":"catalog","at":"2026-03-02T10:00:00+08:00"}""", At10)]
    [InlineData("""{"op":"extend","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","days":1.5,"reason":"x"}""", At10)]
    [InlineData("""{"op":"extend","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","days":1}""", At10)]
    [InlineData("""{"op":"progress","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","text":"x","promised":"soon"}""", At10)]
    [InlineData("""{"op":"receive","at":"2026-03-02T10:00:00+08:00","ticket":"T2","channel":"web","kind":"help","category":"noise","region":"430100","limit":"-1wd"}""", At10)]
    [InlineData("""{"op":"close","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env"}""", At10)]
    [InlineData("""{"op":"return","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env"}""", At10)]
    [InlineData("""{"op":"supervise","at":"2026-03-02T10:00:00+08:00","ticket":"T1"}""", At10)]
    [InlineData("""{"op":"dispatch","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"city-env","co":"city-housing"}""", At10)]
    [InlineData("""{"op":"query","at":"2026-02-30T10:00:00+08:00","ticket":"T1"}""", T0)]
    // `at` missing, malformed or without offset: the engine clock (still T0).
    [InlineData("""{"op":"query","ticket":"T1"}""", T0)]
    [InlineData("""{"op":"sign","ticket":"T1","unit":"city-env"}""", T0)]
    [InlineData("""{"op":"sign","at":"2026-03-02T10:00:00","ticket":"T1","unit":"city-env"}""", T0)]
    [InlineData("""{"op":"advance"}""", T0)]
    [InlineData("""{"op":"advance","at":"2026-03-02T10:00:00"}""", T0)]
    [InlineData("""{"op":"query","at":"2026-03-02T10:00:00","ticket":"T1"}""", T0)]
    [InlineData("""{"op":"query","at":"yesterday","ticket":"T1"}""", T0)]
    [InlineData("""{"op":"query","at":1772414100,"ticket":"T1"}""", T0)]
    public void Command_MissingIllTypedOrOutOfEnum_Schema(string line, string at)
    {
        Run(Cs, R1(), line)
            .Expect(
                """{"event":"accepted","ticket":"T1"}""",
                """{"event":"dispatched","ticket":"T1"}""",
                $$"""{"event":"rejected","at":"{{at}}","code":"schema","message":"$any"}""");
    }

    [Fact]
    public void Command_AtWithoutOffset_ClockStays()
    {
        // The bad `at` (10:00) does not move the clock: a command at 09:30 afterwards is fine.
        Run(Cs, R1(), """{"op":"query","at":"2026-03-02T10:00:00","ticket":"T1"}""", Cmd("query", "2026-03-02T09:30:00+08:00", "T1"))
            .ExpectAt(2,
                """{"event":"rejected","code":"schema","at":"2026-03-02T09:15:00+08:00"}""",
                """{"event":"status","ticket":"T1","at":"2026-03-02T09:30:00+08:00"}""");
    }

    [Fact]
    public void Command_EarlierThanClock_OutOfOrderAndClockStays()
    {
        Run(Cs, R1(),
            Cmd("query", "2026-03-02T09:00:00+08:00", "T1"),
            Cmd("query", "2026-03-02T09:10:00+08:00", "T1"),
            Cmd("query", T0, "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            $$"""{"event":"rejected","ticket":"T1","at":"{{T0}}","code":"out-of-order"}""",
            $$"""{"event":"rejected","ticket":"T1","at":"{{T0}}","code":"out-of-order"}""",
            $$"""{"event":"status","ticket":"T1","at":"{{T0}}"}""");
    }

    [Fact]
    public void Command_RejectedStillMovesClockAndFiresTimers()
    {
        Run(Cs, R1(),
            Cmd("sign", "2026-03-04T00:00:00+08:00", "T1", ",\"unit\":\"furong-gov\""),
            Cmd("query", "2026-03-03T12:00:00+08:00", "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","signDue":"2026-03-04T00:00:00+08:00"}""",
            """{"event":"overdue","ticket":"T1","at":"2026-03-04T00:00:00+08:00","clock":"sign"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-03-04T00:00:00+08:00","code":"wrong-unit"}""",
            """{"event":"rejected","ticket":"T1","at":"2026-03-04T00:00:00+08:00","code":"out-of-order"}""");
    }

    [Fact]
    public void RejectionOrder_SchemaBeforeOutOfOrder()
    {
        Run(Cs, R1(), """{"op":"rate","at":"2026-03-02T09:00:00+08:00","ticket":"T1","rating":"great"}""")
            .ExpectAt(2, """{"event":"rejected","ticket":"T1","code":"schema"}""");
    }

    [Fact]
    public void RejectionOrder_OutOfOrderBeforeDuplicateId()
    {
        Run(Cs, R1(), Receive("2026-03-02T09:00:00+08:00", "T1", phone: "13900000099", category: "road"))
            .ExpectAt(2, """{"event":"rejected","ticket":"T1","code":"out-of-order"}""");
    }

    [Fact]
    public void RejectionOrder_UnknownTicketBeforeInvalidStateAndWrongUnit()
    {
        Run(Cs, R1(),
            Cmd("close-decision", At10, "T99", ",\"approve\":true"),
            Cmd("sign", At10, "T99", ",\"unit\":\"no-such-unit\""))
        .ExpectAt(2,
            """{"event":"rejected","ticket":"T99","code":"unknown-ticket"}""",
            """{"event":"rejected","ticket":"T99","code":"unknown-ticket"}""");
    }

    [Fact]
    public void RejectionOrder_InvalidStateBeforeWrongUnit_WrongUnitBeforeUnknownUnit()
    {
        Run(Cs, R1(),
            Cmd("sign", At10, "T1", ",\"unit\":\"no-such-unit\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"furong-gov\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"city-env\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"furong-gov\""))
        .ExpectAt(2,
            """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""",
            """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""",
            """{"event":"signed","ticket":"T1"}""",
            """{"event":"rejected","ticket":"T1","code":"invalid-state"}""");
    }

    [Fact]
    public void RejectionOrder_WrongUnitBeforeWindowClosed_InvalidStateBeforeWindowClosed()
    {
        // signed 03-02 10:00 → returnDue 2wd: 03-03, 03-04 → 03-05T00:00.
        Run(Cs, R1(),
            Cmd("sign", At10, "T1", ",\"unit\":\"city-env\""),
            Cmd("return", "2026-03-05T09:00:00+08:00", "T1", ",\"unit\":\"furong-gov\",\"reason\":\"x\""),
            Cmd("close", "2026-03-05T09:10:00+08:00", "T1", ",\"unit\":\"city-env\",\"reply\":\"x\""),
            Cmd("return", "2026-03-05T09:20:00+08:00", "T1", ",\"unit\":\"city-env\",\"reason\":\"x\""))
        .ExpectAt(2,
            """{"event":"signed","ticket":"T1","returnDue":"2026-03-05T00:00:00+08:00","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"warning","ticket":"T1","at":"2026-03-05T00:00:00+08:00"}""",
            """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""",
            """{"event":"close-requested","ticket":"T1"}""",
            """{"event":"rejected","ticket":"T1","code":"invalid-state"}""");
    }

    [Fact]
    public void Close_ByCoHandler_WrongUnit()
    {
        Run(Cs,
            Receive(T0, "T1", category: "noise.construction", region: "430102002"),
            Cmd("sign", At10, "T1", ",\"unit\":\"city-housing\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"furong-gov\""),
            Cmd("close", At10, "T1", ",\"unit\":\"city-housing\",\"reply\":\"x\""))
        .ExpectAt(2,
            """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""",
            """{"event":"signed","ticket":"T1","unit":"furong-gov"}""",
            """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""");
    }

    [Fact]
    public void Progress_WithAndWithoutPromised()
    {
        Run(Cs, R1(),
            Cmd("progress", At10, "T1", ",\"unit\":\"city-env\",\"text\":\"x\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"city-env\""),
            Cmd("progress", At10, "T1", ",\"unit\":\"city-env\",\"text\":\"site visit done\",\"promised\":\"2026-03-20\""),
            Cmd("progress", At10, "T1", ",\"unit\":\"city-env\",\"text\":\"still working\""))
        .ExpectAt(2,
            """{"event":"rejected","ticket":"T1","code":"invalid-state"}""",
            """{"event":"signed","ticket":"T1"}""",
            """{"event":"progress","ticket":"T1","at":"2026-03-02T10:00:00+08:00","promised":"2026-03-20"}""",
            """{"event":"progress","ticket":"T1","promised":"$absent"}""");
    }

    [Fact]
    public void MalformedLines_ErrorWithLineNumberBlankLinesCounted()
    {
        var r = Run(Cs,
            R1(),                 // 1
            "",                   // 2 blank: skipped, counted
            "not json at all",    // 3
            "   \t ",             // 4 whitespace-only: blank
            "[1, 2]",             // 5 JSON but not an object
            "{\"op\":",           // 6 truncated
            Cmd("query", At10, "T1")); // 7
        r.Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1"}""",
            $$"""{"event":"error","line":3,"code":"malformed","message":"$any","at":"{{T0}}"}""",
            $$"""{"event":"error","line":5,"code":"malformed","at":"{{T0}}"}""",
            $$"""{"event":"error","line":6,"code":"malformed","at":"{{T0}}"}""",
            """{"event":"status","ticket":"T1"}""");
    }

    [Fact]
    public void MalformedLine_BeforeAnyValidCommand_NoAt()
    {
        Run(Cs, "garbage", R1())
            .Expect(
                """{"event":"error","line":1,"code":"malformed","at":"$absent"}""",
                """{"event":"accepted","ticket":"T1"}""",
                """{"event":"dispatched","ticket":"T1"}""");
    }

    [Fact]
    public void Events_SeqConsecutiveEvenAroundBadQueries()
    {
        // §1: seq counts events from 1; a query with a missing `at` is a `schema` rejection, still numbered.
        var r = Run(Cs, R1(), """{"op":"query","ticket":"T1"}""", Cmd("query", At10, "T1"));
        Assert.Equal([1, 2, 3, 4], r.Events.Select(e => e.GetProperty("seq").GetInt32()).ToArray());
    }

    [Fact]
    public void Events_SeqCountsFromOne()
    {
        var r = Run(Cs, R1(), "junk", Cmd("query", At10, "T1"));
        Assert.Equal([1, 2, 3, 4], r.Events.Select(e => e.GetProperty("seq").GetInt32()).ToArray());
    }

    [Fact]
    public void By_EchoedOnEveryEventOfTheCommandIncludingRejections()
    {
        Run(Cs,
            Receive(T0, "T1", kind: "consultation", category: "noise", region: "430103001", extra: ",\"by\":\"op-1\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"furong-gov\",\"by\":\"officer-9\""),
            Cmd("query", At10, "T1", ",\"by\":\"op-1\""),
            Cmd("sign", At10, "T1", ",\"unit\":\"city-env\""))
        .Expect(
            """{"event":"accepted","ticket":"T1","by":"op-1"}""",
            """{"event":"dispatched","ticket":"T1","by":"op-1"}""",
            """{"event":"rejected","ticket":"T1","code":"wrong-unit","by":"officer-9"}""",
            """{"event":"status","ticket":"T1","by":"op-1"}""",
            """{"event":"signed","ticket":"T1","by":"$absent"}""");
    }

    [Fact]
    public void Id_Retry_AlreadyAppliedAtEngineClockNoByClockDoesNotMove()
    {
        var receive = Receive(T0, "T1", kind: "consultation", category: "noise", region: "430103001", extra: ",\"id\":\"c-1\",\"by\":\"op-1\"");
        Run(Cs,
            receive,
            // the same id later (would fire the sign overdue at 03-04T00:00 if the clock moved)
            Receive("2026-03-05T00:00:00+08:00", "T1", kind: "consultation", category: "noise", region: "430103001", extra: ",\"id\":\"c-1\",\"by\":\"op-2\""),
            // the check comes before all others, schema included
            """{"op":"receive","id":"c-1","by":"op-3"}""",
            Cmd("sign", At10, "T1", ",\"unit\":\"city-env\",\"id\":\"c-2\""),
            Cmd("sign", "2026-03-02T10:30:00+08:00", "T1", ",\"unit\":\"city-env\",\"id\":\"c-2\""),
            Cmd("query", "2026-03-02T10:05:00+08:00", "T1"))
        .Expect(
            """{"event":"accepted","ticket":"T1","by":"op-1"}""",
            """{"event":"dispatched","ticket":"T1","by":"op-1"}""",
            $$"""{"event":"already-applied","id":"c-1","at":"{{T0}}","by":"$absent"}""",
            $$"""{"event":"already-applied","id":"c-1","at":"{{T0}}","by":"$absent"}""",
            """{"event":"signed","ticket":"T1","at":"2026-03-02T10:00:00+08:00"}""",
            """{"event":"already-applied","id":"c-2","at":"2026-03-02T10:00:00+08:00"}""",
            """{"event":"status","ticket":"T1","at":"2026-03-02T10:05:00+08:00","state":"signed"}""");
    }

    [Theory]
    [InlineData("2026-03-02T09:15:30.999+08:00", "2026-03-02T09:15:30+08:00")]
    [InlineData("2026-03-02T01:15:00Z", "2026-03-02T09:15:00+08:00")]
    [InlineData("2026-03-01T20:15:00-05:00", "2026-03-02T09:15:00+08:00")]
    public void At_FractionalSecondsTruncated_OtherOffsetsInProfileZone(string at, string printed)
    {
        Run(Cs, Receive(at, "T1"))
            .Expect(
                $$"""{"event":"accepted","ticket":"T1","at":"{{printed}}"}""",
                $$"""{"event":"dispatched","ticket":"T1","at":"{{printed}}","signDue":"2026-03-04T00:00:00+08:00"}""");
    }

    [Fact]
    public void Advance_NothingDue_NoEvents()
    {
        Run(Cs, R1(), Cmd("advance", "2026-03-03T23:59:59+08:00"))
            .Expect("""{"event":"accepted"}""", """{"event":"dispatched"}""");
    }

    [Fact]
    public void Run_EverythingRejected_ExitZero()
    {
        var r = Run(Cs, "x", """{"op":"sign","at":"2026-03-02T10:00:00+08:00","ticket":"T1","unit":"a"}""");
        Assert.Equal(0, r.Exit);
        Assert.Equal(2, r.Events.Count);
    }

    [Fact]
    public void Run_UnknownProfile_ExitTwoOneStderrLineNothingOnStdout()
    {
        var (exit, stdout, stderr) = CliRunner.RunWithInput(R1() + "\n", "run", "--profile", "atlantis-1999", "--catalog", CatalogPath(Catalog));
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("atlantis-1999", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidCatalog_ExitTwoOneStderrLineNamingTheFile()
    {
        var (exit, stdout, stderr) = CliRunner.RunWithInput(R1() + "\n", "run", "--profile", Cs, "--catalog", CatalogPath(CatalogBad));
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("catalog-bad.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingCatalogFile_ExitTwo()
    {
        var (exit, stdout, stderr) = CliRunner.RunWithInput(R1() + "\n", "run", "--profile", Cs, "--catalog", "/nonexistent/catalog.json");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Run_InvalidProfileFile_ExitTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-badprofile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"name": "bad", "clocks": {"handel": {"limit": "3wd"}}}""");
        try
        {
            var (exit, stdout, stderr) = CliRunner.RunWithInput(R1() + "\n", "run", "--profile", path, "--catalog", CatalogPath(Catalog));
            Assert.Equal(2, exit);
            Assert.Empty(stdout);
            Assert.Single(stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

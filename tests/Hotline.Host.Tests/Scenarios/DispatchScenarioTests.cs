using static Hotline.Host.Tests.Scenarios.Scenario;

namespace Hotline.Host.Tests.Scenarios;

/// <summary>
/// Spec §2.1/§5 routing (locality first, then the parent category, then the default) and the fields of
/// `dispatched`; §2 `catalog` hot swap; §7.8 re-dispatch.
/// Catalog test-1 (Scenarios/catalog-test.json):
///   noise@430100 → city-env; noise.construction@430102 → furong-gov (co city-housing, city-env; subOffice; 5wd);
///   noise.construction@430102001 → wenyi-street (2wd); road@430100 → city-transport; road@430103 → tianxin-gov;
///   road.pothole@430102 → furong-gov; road.pothole@430100 → city-housing; default city-hotline.
/// </summary>
public class DispatchScenarioTests
{
    private const string Cs = "changsha-2020";
    private const string T0 = "2026-03-02T09:15:00+08:00"; // Mon
    // Changsha signDue = 1wd from dispatch: Mon 03-02 → end of Tue 03-03.
    private const string SignDue = "2026-03-04T00:00:00+08:00";

    [Theory]
    // exact entry at the street
    [InlineData("noise.construction", "430102001", "wenyi-street", false)]
    // not at the street: its parent district
    [InlineData("noise.construction", "430102002", "furong-gov", false)]
    // no noise.construction anywhere up Tianxin's chain: parent category noise, up to the root
    [InlineData("noise.construction", "430103001", "city-env", false)]
    // locality first within the category: road.pothole@430100 (root) beats road@430103 (nearer, parent category)
    [InlineData("road.pothole", "430103001", "city-housing", false)]
    // road.crack has no entry: parent category road, nearest region 430103
    [InlineData("road.crack", "430103001", "tianxin-gov", false)]
    // three levels: road.pothole.deep → road.pothole at the street's parent district
    [InlineData("road.pothole.deep", "430102001", "furong-gov", false)]
    // the root region itself
    [InlineData("noise.construction", "430100", "city-env", false)]
    // nothing matches: the default
    [InlineData("water", "430102", "city-hotline", true)]
    [InlineData("water.pipe", "430103001", "city-hotline", true)]
    public void Receive_Routing_LocalityFirstThenParentCategoryThenDefault(string category, string region, string unit, bool byDefault)
    {
        var b = byDefault ? "true" : "false";
        Run(Cs, Receive(T0, "T1", category: category, region: region))
            .Expect(
                $$"""{"event":"accepted","ticket":"T1","at":"{{T0}}"}""",
                $$"""{"event":"dispatched","ticket":"T1","at":"{{T0}}","unit":"{{unit}}","catalogVersion":"test-1","byDefault":{{b}}}""");
    }

    [Fact]
    public void Receive_EntryWithCoAndSubOffice_DispatchedCarriesThem_ChangshaOnlySignDue()
    {
        // Changsha: sign from dispatch (1wd); return and handle run from sign, so only signDue is on `dispatched`.
        Run(Cs, Receive(T0, "T1", category: "noise.construction", region: "430102002"))
            .Expect(
                """{"event":"accepted","ticket":"T1"}""",
                $$"""{"event":"dispatched","ticket":"T1","at":"{{T0}}","unit":"furong-gov","co":["city-housing","city-env"],"subOffice":"Furong urban management squadron","catalogVersion":"test-1","byDefault":false,"signDue":"{{SignDue}}","returnDue":"$absent","handleDue":"$absent"}""");
    }

    [Fact]
    public void Receive_EntryWithoutCoOrSubOffice_EmptyCoNoSubOffice()
    {
        Run(Cs, Receive(T0, "T1", category: "road", region: "430103001"))
            .ExpectAt(1, """{"event":"dispatched","unit":"tianxin-gov","co":[],"subOffice":"$absent","byDefault":false}""");
    }

    [Fact]
    public void Sign_EntryLimit_HandleDueFromSignByEntryLimit()
    {
        // Sign Tue 03-03 10:00. returnDue 2wd: 03-04, 03-05 → 03-06T00:00.
        // handleDue: the entry's 5wd beats the complaint's 10wd: 03-04, 05, 06, 09, 10 → 03-11T00:00.
        Run(Cs,
            Receive(T0, "T1", category: "noise.construction", region: "430102002"),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"furong-gov\",\"by\":\"officer-7\""))
        .ExpectAt(2, """{"event":"signed","ticket":"T1","at":"2026-03-03T10:00:00+08:00","unit":"furong-gov","returnDue":"2026-03-06T00:00:00+08:00","handleDue":"2026-03-11T00:00:00+08:00","signDue":"$absent","by":"officer-7"}""");
    }

    [Fact]
    public void Sign_StatutoryLimitBeatsEntryLimit()
    {
        // receive limit 1wd (statutory) > entry 5wd: sign Tue 03-03 → end of Wed 03-04.
        Run(Cs,
            Receive(T0, "T1", category: "noise.construction", region: "430102002", extra: ",\"limit\":\"1wd\""),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"furong-gov\""))
        .ExpectAt(2, """{"event":"signed","handleDue":"2026-03-05T00:00:00+08:00"}""");
    }

    [Fact]
    public void Sign_NoEntryLimit_KindLimit()
    {
        // complaint 10wd from Tue 03-03: 04,05,06,09,10,11,12,13,16,17 → 03-18T00:00; consultation 3wd → 03-07T00:00.
        Run(Cs,
            Receive(T0, "T1", category: "noise", region: "430103001"),
            Receive(T0, "T2", category: "noise", region: "430103001", kind: "consultation", phone: "13900000002"),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T2", ",\"unit\":\"city-env\""))
        .ExpectAt(4,
            """{"event":"signed","ticket":"T1","handleDue":"2026-03-18T00:00:00+08:00"}""",
            """{"event":"signed","ticket":"T2","handleDue":"2026-03-07T00:00:00+08:00"}""");
    }

    [Fact]
    public void Receive_LinyiNoSignClock_DispatchedCarriesReturnAndHandleDue()
    {
        // Linyi: return 2wd and handle from dispatch. Mon 03-02: return → end of Wed 03-04; complaint 3wd → end of Thu 03-05.
        Run("linyi-2016", Receive(T0, "T1", category: "noise", region: "430103001"))
            .ExpectAt(1, """{"event":"dispatched","unit":"city-env","signDue":"$absent","returnDue":"2026-03-05T00:00:00+08:00","handleDue":"2026-03-06T00:00:00+08:00"}""");
    }

    [Fact]
    public void Dispatch_ManualRedispatch_RestartsDispatchClocksAndDropsHandle()
    {
        // §7.8 and §2 dispatch: like an approved return. Re-dispatch Wed 03-04 09:00 → signDue end of Thu 03-05.
        Run(Cs,
            Receive(T0, "T1", category: "noise", region: "430103001", kind: "consultation"),
            Cmd("sign", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""),
            Cmd("dispatch", "2026-03-04T09:00:00+08:00", "T1", ",\"unit\":\"furong-gov\",\"co\":[\"city-housing\"]"),
            Cmd("query", "2026-03-04T09:01:00+08:00", "T1"),
            Cmd("sign", "2026-03-04T09:02:00+08:00", "T1", ",\"unit\":\"city-env\""))
        .ExpectAt(3,
            """{"event":"dispatched","ticket":"T1","at":"2026-03-04T09:00:00+08:00","unit":"furong-gov","co":["city-housing"],"catalogVersion":"test-1","byDefault":false,"signDue":"2026-03-06T00:00:00+08:00","handleDue":"$absent","returnDue":"$absent"}""",
            """{"event":"status","ticket":"T1","state":"dispatched","unit":"furong-gov","signDue":"2026-03-06T00:00:00+08:00","returnDue":null,"handleDue":null}""",
            """{"event":"rejected","ticket":"T1","code":"wrong-unit"}""");
    }

    [Fact]
    public void Dispatch_UnknownUnit_UnknownUnit()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Cmd("dispatch", "2026-03-02T10:00:00+08:00", "T1", ",\"unit\":\"no-such-unit\""))
        .ExpectAt(2, """{"event":"rejected","ticket":"T1","code":"unknown-unit"}""");
    }

    [Fact]
    public void Catalog_HotSwap_NewTicketsRouteByItOpenOnesKeepTheirVersion()
    {
        Run(Cs,
            Receive(T0, "T1", category: "noise", region: "430103001"),
            Cmd("catalog", "2026-03-02T10:00:00+08:00", extra: $",\"file\":\"{CatalogPath(CatalogV2).Replace("\\", "\\\\", StringComparison.Ordinal)}\""),
            Receive("2026-03-02T10:05:00+08:00", "T2", category: "noise", region: "430103001", phone: "13900000002"),
            Cmd("dispatch", "2026-03-02T10:10:00+08:00", "T1", ",\"unit\":\"city-env\""))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","unit":"city-env","catalogVersion":"test-1"}""",
            """{"event":"catalog-loaded","at":"2026-03-02T10:00:00+08:00","version":"test-2","ticket":"$absent"}""",
            """{"event":"accepted","ticket":"T2"}""",
            """{"event":"dispatched","ticket":"T2","unit":"city-housing","catalogVersion":"test-2","byDefault":false}""",
            """{"event":"dispatched","ticket":"T1","unit":"city-env","catalogVersion":"test-1"}""");
    }

    [Fact]
    public void Catalog_InvalidFile_RejectedInvalidCatalogAndOldStays()
    {
        Run(Cs,
            Cmd("catalog", "2026-03-02T09:00:00+08:00", extra: $",\"file\":\"{CatalogPath(CatalogBad).Replace("\\", "\\\\", StringComparison.Ordinal)}\",\"by\":\"admin\""),
            Cmd("catalog", "2026-03-02T09:01:00+08:00", extra: ",\"file\":\"/nonexistent/catalog.json\""),
            Receive(T0, "T1", category: "noise", region: "430103001"))
        .Expect(
            """{"event":"rejected","at":"2026-03-02T09:00:00+08:00","code":"invalid-catalog","by":"admin"}""",
            """{"event":"rejected","at":"2026-03-02T09:01:00+08:00","code":"invalid-catalog"}""",
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","unit":"city-env","catalogVersion":"test-1"}""");
    }

    [Fact]
    public void Dispatch_ManualInLinyi_RestartsReturnAndHandleFromTheNewDispatch()
    {
        // §7.8: from Tue 03-03 10:00: return 2wd 04, 05 → 03-06T00:00; complaint 3wd 04, 05, 06 → 03-07T00:00.
        Run("linyi-2016",
            Receive(T0, "T1", category: "road", region: "430103001"),
            Cmd("dispatch", "2026-03-03T10:00:00+08:00", "T1", ",\"unit\":\"city-env\""))
        .Expect(
            """{"event":"accepted","ticket":"T1"}""",
            """{"event":"dispatched","ticket":"T1","unit":"tianxin-gov","returnDue":"2026-03-05T00:00:00+08:00","handleDue":"2026-03-06T00:00:00+08:00"}""",
            """{"event":"dispatched","ticket":"T1","at":"2026-03-03T10:00:00+08:00","unit":"city-env","co":[],"byDefault":false,"returnDue":"2026-03-06T00:00:00+08:00","handleDue":"2026-03-07T00:00:00+08:00"}""");
    }

    [Fact]
    public void Dispatch_UnknownCoUnit_UnknownUnit()
    {
        Run(Cs,
            Receive(T0, "T1"),
            Cmd("dispatch", "2026-03-02T10:00:00+08:00", "T1", ",\"unit\":\"city-env\",\"co\":[\"no-such-unit\"]"))
        .ExpectAt(2, """{"event":"rejected","ticket":"T1","code":"unknown-unit"}""");
    }

    [Fact]
    public void Catalog_RelativeFile_ResolvedFromWorkingDirectory()
    {
        // §7.11: a catalog command's file is relative to the working directory.
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, CatalogPath(CatalogV2)).Replace("\\", "/", StringComparison.Ordinal);
        Run(Cs, Cmd("catalog", T0, extra: $",\"file\":\"{relative}\""))
            .Expect("""{"event":"catalog-loaded","version":"test-2"}""");
    }
}

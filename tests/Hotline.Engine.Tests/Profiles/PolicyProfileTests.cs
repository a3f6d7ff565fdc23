using Hotline.Engine.Calendar;
using Hotline.Engine.Profiles;
using Hotline.Engine.Tickets;
using NodaTime;

namespace Hotline.Engine.Tests.Profiles;

public class PolicyProfileTests
{
    private const string Minimal = """{"name": "mini"}""";

    private static ProfileException Invalid(string json) =>
        Assert.Throws<ProfileException>(() => PolicyProfile.Parse(json, "test.json"));

    [Theory]
    [MemberData(nameof(BuiltInProfileTests.Names), MemberType = typeof(BuiltInProfileTests))]
    public void ToJson_BuiltIn_RoundTrips(string name)
    {
        Assert.True(PolicyProfile.TryGetBuiltIn(name, out var profile));
        string json = profile.ToJson();
        var again = PolicyProfile.Parse(json, "round-trip");
        Assert.Equal(json, again.ToJson());
        Assert.Equal(profile.Assumed.ToArray(), again.Assumed.ToArray());
        Assert.Equal(profile.Sources, again.Sources);
    }

    [Fact]
    public void Parse_SpecExample_ReadsEveryField()
    {
        const string json = """
        {
          "name": "changsha-2020", "zone": "Asia/Shanghai", "periodEnd": "endOfDay",
          "businessHours": [["08:30","12:00"],["13:30","17:30"]],
          "duplicateWindow": "30d",
          "clocks": {
            "sign":   {"limit": "1wd", "from": "dispatch"},
            "return": {"limit": "2wd", "from": "sign"},
            "handle": {"from": "sign", "limit": {"consultation": "3wd", "default": "10wd"}, "complex": null, "urgent": null},
            "callbackAuto":   {"limit": "72h", "default": "basic"},
            "manualCallback": {"limit": "1wd"},
            "appeal":         {"limit": "5wd"}
          },
          "extension": {"maxCount": 1, "maxTotalDays": null, "applyBefore": null},
          "warning":   {"before": "1wd"},
          "supervision": [{"level": 1, "after": "0h"}, {"level": 2, "after": "1wd"}, {"level": 3, "after": "3wd"}],
          "hotspot": {"window": "7d", "min": 10, "factor": 3},
          "assumed": ["duplicateWindow 30d", "warning 1wd", "supervision ladder 0h/1wd/3wd"]
        }
        """;
        var p = PolicyProfile.Parse(json, "spec");
        Assert.Equal(BusinessHours.Default, p.BusinessHours);
        Assert.Equal(WorkingDuration.WorkingDays(10), p.Handle!.Limit.For(TicketKind.Praise));
        Assert.Equal(WorkingDuration.WorkingDays(1), p.Warning!.Before);
        Assert.Equal(3, p.Assumed.Length);
        Assert.Empty(p.Sources);
    }

    [Fact]
    public void Parse_Minimal_EverythingOff()
    {
        var p = PolicyProfile.Parse(Minimal, "mini");
        Assert.Null(p.Zone);
        Assert.Null(p.BusinessHours);
        Assert.Equal(PeriodEnd.EndOfDay, p.PeriodEnd);
        Assert.Null(p.DuplicateWindow);
        Assert.Null(p.Sign);
        Assert.Null(p.Return);
        Assert.Null(p.Handle);
        Assert.Null(p.CallbackAuto);
        Assert.Null(p.ManualCallback);
        Assert.Null(p.Appeal);
        Assert.Same(ExtensionRule.Unlimited, p.Extension);
        Assert.Null(p.Warning);
        Assert.Empty(p.Supervision);
        Assert.Null(p.Hotspot);
        Assert.Empty(p.Assumed);
    }

    [Fact]
    public void Parse_UnknownTopLevelAndRuleFields_Ignored()
    {
        var p = PolicyProfile.Parse(
            """{"name": "x", "future": {"a": 1}, "clocks": {"sign": {"limit": "1wd", "colour": "red"}}}""", "x");
        Assert.Equal(WorkingDuration.WorkingDays(1), p.Sign!.Limit);
        Assert.Equal(ClockStart.Dispatch, p.Sign.From);
    }

    [Fact]
    public void Parse_CommentsAndNulls_Accepted()
    {
        var p = PolicyProfile.Parse(
            """
            // a user's profile
            {"name": "x", "zone": null, "clocks": null, "extension": null, "supervision": null, "assumed": null,}
            """, "x");
        Assert.Same(ExtensionRule.Unlimited, p.Extension);
    }

    [Fact]
    public void Parse_HandleLimitAsOneDuration_AppliesToEveryKind()
    {
        var p = PolicyProfile.Parse("""{"name": "x", "clocks": {"handle": {"limit": "5wd"}}}""", "x");
        Assert.All(Enum.GetValues<TicketKind>(), k => Assert.Equal(WorkingDuration.WorkingDays(5), p.Handle!.Limit.For(k)));
        Assert.Equal(ClockStart.Dispatch, p.Handle!.From);
    }

    [Fact]
    public void Parse_HandleLimitNamingEveryKind_NeedsNoDefault()
    {
        var p = PolicyProfile.Parse(
            """
            {"name": "x", "clocks": {"handle": {"limit": {"consultation": "1wd", "help": "2wd", "complaint": "3wd",
              "report": "4wd", "suggestion": "5wd", "praise": "6wd"}}}}
            """, "x");
        Assert.Equal(WorkingDuration.WorkingDays(6), p.Handle!.Limit.For(TicketKind.Praise));
        Assert.Null(p.Handle.Limit.Default);
    }

    [Fact]
    public void Parse_UrgentLimitsOnEveryClock_Read()
    {
        var p = PolicyProfile.Parse(
            """
            {"name": "x", "clocks": {
              "sign": {"limit": "1wd", "urgent": "2wh"}, "return": {"limit": "2wd", "urgent": "4wh"},
              "handle": {"limit": "5wd", "urgent": {"complaint": "1wd"}},
              "callbackAuto": {"limit": "72h", "urgent": "24h"}, "manualCallback": {"limit": "1wd", "urgent": "4wh"},
              "appeal": {"limit": "5wd", "urgent": "2wd"}}}
            """, "x");
        Assert.Equal("2wh", p.Sign!.LimitFor(urgent: true).ToString());
        Assert.Equal("1wd", p.Sign.LimitFor(urgent: false).ToString());
        Assert.Equal("4wh", p.Return!.LimitFor(urgent: true).ToString());
        Assert.Equal("24h", p.CallbackAuto!.LimitFor(urgent: true).ToString());
        Assert.Equal("4wh", p.ManualCallback!.LimitFor(urgent: true).ToString());
        Assert.Equal("2wd", p.Appeal!.LimitFor(urgent: true).ToString());
        Assert.Equal("1wd", p.Handle!.LimitFor(TicketKind.Complaint, false, true, null, null).ToString());
        Assert.Equal("5wd", p.Handle.LimitFor(TicketKind.Help, false, true, null, null).ToString());
    }

    [Theory]
    [InlineData("""{"name": "x", "clocks": {"handle": {"limit": {"complaint": "3xd", "default": "1wd"}}}}""",
        "clocks.handle.limit.complaint: '3xd' is not a duration")]
    [InlineData("""{"name": "x", "clocks": {"sign": {"limit": "1wd", "from": "sign"}}}""",
        "clocks.sign.from: 'sign' is not allowed (sign counts from dispatch)")]
    [InlineData("""{"name": "x", "clocks": {"return": {"limit": "1wd", "from": "close"}}}""",
        "clocks.return.from: 'close' is not dispatch or sign")]
    [InlineData("""{"name": "x", "zone": "Mars/Olympus"}""", "zone: 'Mars/Olympus' is not a time zone")]
    [InlineData("""{"name": "x", "clocks": {"handle": {"limit": {"complain": "3wd", "default": "1wd"}}}}""",
        "clocks.handle.limit.complain: 'complain' is not a ticket kind")]
    [InlineData("""{"name": "x", "clocks": {"handle": {"limit": "3wd", "urgent": {"Complaint": "1wd"}}}}""",
        "clocks.handle.urgent.Complaint: 'Complaint' is not a ticket kind")]
    [InlineData("""{"name": "x", "clocks": {"handle": {"limit": {"consultation": "3wd"}}}}""",
        "clocks.handle.limit: needs a 'default' or an entry for every kind (missing: help, complaint, report, suggestion, praise)")]
    [InlineData("""{"name": "x", "clocks": {"handle": {}}}""", "clocks.handle.limit: required")]
    [InlineData("""{"name": "x", "clocks": {"handle": {"limit": 3}}}""", "clocks.handle.limit: expected a duration or a map by kind, got the number 3")]
    [InlineData("""{"name": "x", "clocks": {"handel": {"limit": "3wd"}}}""", "clocks.handel: unknown clock")]
    [InlineData("""{"name": "x", "clocks": {"sign": {}}}""", "clocks.sign.limit: required")]
    [InlineData("""{"name": "x", "clocks": {"sign": "1wd"}}""", "clocks.sign: expected an object, got the string \"1wd\"")]
    [InlineData("""{"name": "x", "clocks": {"callbackAuto": {"limit": "72h", "default": "happy"}}}""",
        "clocks.callbackAuto.default: 'happy' is not a rating")]
    [InlineData("""{"name": "x", "periodEnd": "noon"}""", "periodEnd: 'noon' is not endOfDay or closeOfBusiness")]
    [InlineData("""{"name": "x", "periodEnd": 1}""", "periodEnd: expected a string, got the number 1")]
    [InlineData("""{"name": "x", "businessHours": [["08:30", "25:00"]]}""", "businessHours[0][1]: '25:00' is not a time of day")]
    [InlineData("""{"name": "x", "businessHours": [["08:30"]]}""", "businessHours[0]: expected a pair")]
    [InlineData("""{"name": "x", "businessHours": "08:30-17:30"}""", "businessHours: expected an array")]
    [InlineData("""{"name": "x", "duplicateWindow": "30wd"}""", "duplicateWindow: '30wd' must be elapsed time (h or d)")]
    [InlineData("""{"name": "x", "supervision": [{"level": 4, "after": "1wd"}]}""", "supervision[0].level: 4 is outside 1–3")]
    [InlineData("""{"name": "x", "supervision": [{"level": 0, "after": "1wd"}]}""", "supervision[0].level: 0 is outside 1–3")]
    [InlineData("""{"name": "x", "supervision": [{"level": 1, "after": "0h"}, {"level": 1, "after": "1wd"}]}""",
        "supervision[1].level: level 1 is given more than once")]
    [InlineData("""{"name": "x", "supervision": [{"level": 1}]}""", "supervision[0].after: required")]
    [InlineData("""{"name": "x", "supervision": {"level": 1}}""", "supervision: expected an array")]
    [InlineData("""{"name": "x", "extension": {"maxCount": -1}}""", "extension.maxCount: -1 must be ≥ 0")]
    [InlineData("""{"name": "x", "extension": {"maxTotalDays": 1.5}}""", "extension.maxTotalDays: expected a whole number, got the number 1.5")]
    [InlineData("""{"name": "x", "extension": {"maxCount": "1"}}""", "extension.maxCount: expected a whole number, got the string \"1\"")]
    [InlineData("""{"name": "x", "extension": {"applyBefore": "-1wd"}}""", "extension.applyBefore: '-1wd' is not a duration")]
    [InlineData("""{"name": "x", "warning": {"before": "0wd"}}""", "warning.before: '0wd' must be more than zero")]
    [InlineData("""{"name": "x", "warning": {}}""", "warning.before: required")]
    [InlineData("""{"name": "x", "hotspot": {"window": "7d", "min": 0, "factor": 3}}""", "hotspot.min: 0 must be ≥ 1")]
    [InlineData("""{"name": "x", "hotspot": {"window": "7d", "min": 10, "factor": -2}}""", "hotspot.factor: -2 must be > 0")]
    [InlineData("""{"name": "x", "hotspot": {"window": "7wd", "min": 10, "factor": 3}}""", "hotspot.window: '7wd' must be elapsed time")]
    [InlineData("""{"name": "x", "hotspot": {"window": "0d", "min": 10, "factor": 3}}""", "hotspot.window: '0d' must be more than zero")]
    [InlineData("""{"name": "x", "hotspot": {"window": "7d"}}""", "hotspot.min: required")]
    [InlineData("""{"name": "x", "assumed": ["a", 2]}""", "assumed[1]: expected a string, got the number 2")]
    [InlineData("""{"name": "x", "sources": {"a": 1}}""", "sources.a: expected a string")]
    [InlineData("""{"zone": "Asia/Shanghai"}""", "name: required")]
    [InlineData("""{"name": "  "}""", "name: must not be empty")]
    [InlineData("""{"name": "x", "name": "y"}""", "name: given more than once")]
    [InlineData("""[1, 2]""", "(document): expected an object, got an array")]
    [InlineData("""{"name": "x",""", "not valid JSON")]
    public void Parse_Invalid_NamesTheProblem(string json, string expected)
    {
        var ex = Invalid(json);
        Assert.Contains(ex.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains("test.json", ex.Message, StringComparison.Ordinal);
        Assert.Equal("test.json", ex.SourceName);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneInOneLine()
    {
        const string json = """
        {
          "name": "broken",
          "zone": "Nowhere/Special",
          "periodEnd": "lunchtime",
          "clocks": {
            "sign":   {"limit": "1wd", "from": "sign"},
            "handle": {"limit": {"complaint": "3xd", "gossip": "1wd"}},
            "appeal": {"limit": 5}
          },
          "extension": {"maxCount": -1, "maxTotalDays": -2},
          "supervision": [{"level": 4, "after": "1wd"}, {"level": 2, "after": "later"}],
          "hotspot": {"window": "7d", "min": 0, "factor": 0}
        }
        """;
        var ex = Invalid(json);
        string[] expected =
        [
            "zone: 'Nowhere/Special'",
            "periodEnd: 'lunchtime'",
            "clocks.sign.from: 'sign' is not allowed",
            "clocks.handle.limit.complaint: '3xd' is not a duration",
            "clocks.handle.limit.gossip: 'gossip' is not a ticket kind",
            "clocks.appeal.limit: expected a duration string",
            "extension.maxCount: -1 must be ≥ 0",
            "extension.maxTotalDays: -2 must be ≥ 0",
            "supervision[0].level: 4 is outside 1–3",
            "supervision[1].after: 'later' is not a duration",
            "hotspot.min: 0 must be ≥ 1",
            "hotspot.factor: 0 must be > 0",
        ];
        foreach (string problem in expected)
        {
            Assert.Contains(ex.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, ex.Problems.Count);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.StartsWith("invalid profile 'test.json' (12 problems): zone:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ProfileExceptionNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-profile-{Guid.NewGuid():N}.json");
        var ex = Assert.Throws<ProfileException>(() => PolicyProfile.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
    }

    [Fact]
    public void Resolve_FileThenUnknown()
    {
        string path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"name": "from-file", "clocks": {"handle": {"limit": "4wd"}}}""");
        try
        {
            Assert.Equal("from-file", PolicyProfile.Resolve(path).Name);
        }
        finally
        {
            File.Delete(path);
        }

        var ex = Assert.Throws<ProfileException>(() => PolicyProfile.Resolve("atlantis-2030"));
        Assert.Contains("not a built-in profile (linyi-2016, zhongshan-2024, changzhi, xiangfen-2022, changsha-2020)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneOrAndBusinessHoursOr_ProfileWinsThenCalendarThenDefault()
    {
        var calendarZone = DateTimeZoneProviders.Tzdb["Asia/Urumqi"];
        var calendarHours = BusinessHours.Parse([["09:00", "17:00"]], "calendar.businessHours");
        var bare = PolicyProfile.Parse(Minimal, "mini");
        Assert.Equal("Asia/Shanghai", bare.ZoneOr(null).Id);
        Assert.Equal(BusinessHours.Default, bare.BusinessHoursOr(null));
        Assert.Same(calendarZone, bare.ZoneOr(calendarZone));
        Assert.Same(calendarHours, bare.BusinessHoursOr(calendarHours));

        var own = PolicyProfile.Parse("""{"name": "o", "zone": "Asia/Hong_Kong", "businessHours": [["08:00","18:00"]]}""", "o");
        Assert.Equal("Asia/Hong_Kong", own.ZoneOr(calendarZone).Id);
        Assert.Equal(600, own.BusinessHoursOr(calendarHours).TotalMinutes);
    }

    [Fact]
    public void Constructor_SignFromSign_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new PolicyProfile("x", sign: new ClockRule(WorkingDuration.WorkingDays(1), ClockStart.Sign)));
    }

    [Fact]
    public void Constructor_RepeatedSupervisionLevel_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PolicyProfile(
            "x",
            supervision: [new SupervisionStep(1, WorkingDuration.Hours(0)), new SupervisionStep(1, WorkingDuration.WorkingDays(1))]));
    }

    [Fact]
    public void Constructor_SupervisionSortedByLevel()
    {
        var p = new PolicyProfile(
            "x",
            supervision: [new SupervisionStep(3, WorkingDuration.WorkingDays(3)), new SupervisionStep(1, WorkingDuration.Hours(0))]);
        Assert.Equal([1, 3], p.Supervision.Select(s => s.Level));
    }
}

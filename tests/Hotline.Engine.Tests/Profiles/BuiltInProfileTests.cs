using Hotline.Engine.Calendar;
using Hotline.Engine.Profiles;
using Hotline.Engine.Tickets;

namespace Hotline.Engine.Tests.Profiles;

public class BuiltInProfileTests
{
    private static WorkingDuration D(string text) => WorkingDuration.Parse(text);

    private static PolicyProfile Get(string name)
    {
        Assert.True(PolicyProfile.TryGetBuiltIn(name, out var profile), name);
        return profile;
    }

    private static WorkingDuration? Handle(PolicyProfile p, TicketKind kind, bool complex = false) =>
        p.Handle!.LimitFor(kind, complex, urgent: false, catalogLimit: null, statutory: null);

    public static TheoryData<string> Names => [.. PolicyProfile.BuiltInNames];

    [Fact]
    public void BuiltInNames_AreTheFiveOfTheSpec()
    {
        Assert.Equal(["linyi-2016", "zhongshan-2024", "changzhi", "xiangfen-2022", "changsha-2020"], PolicyProfile.BuiltInNames);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryGetBuiltIn_EveryName_LoadsWithItsNameAndCommonSettings(string name)
    {
        var p = Get(name);
        Assert.Equal(name, p.Name);
        Assert.Equal("Asia/Shanghai", p.Zone!.Id);
        Assert.Equal(PeriodEnd.EndOfDay, p.PeriodEnd);
        Assert.NotNull(p.Handle);
        Assert.NotEmpty(p.Assumed);
        Assert.NotEmpty(p.Sources);
        Assert.Contains("duplicateWindow 30d", p.Assumed);
        Assert.Equal(D("30d"), p.DuplicateWindow);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Resolve_BuiltInName_GivesTheSameInstance(string name)
    {
        Assert.Same(Get(name), PolicyProfile.Resolve(name));
    }

    [Fact]
    public void TryGetBuiltIn_UnknownName_False()
    {
        Assert.False(PolicyProfile.TryGetBuiltIn("beijing", out var profile));
        Assert.Null(profile);
    }

    [Fact]
    public void Changsha2020_CarriesArticles17To27()
    {
        var p = Get("changsha-2020");
        // art. 17: sign by the next working day, from dispatch; 17(2): return within 2 wd after signing.
        Assert.Equal(D("1wd"), p.Sign!.Limit);
        Assert.Equal(ClockStart.Dispatch, p.Sign.From);
        Assert.Equal(D("2wd"), p.Return!.Limit);
        Assert.Equal(ClockStart.Sign, p.Return.From);
        // art. 19: 3 wd for consultations, 10 wd for the rest, from signing.
        Assert.Equal(ClockStart.Sign, p.Handle!.From);
        Assert.Equal(D("3wd"), Handle(p, TicketKind.Consultation));
        Assert.Equal(D("10wd"), Handle(p, TicketKind.Complaint));
        Assert.Equal(D("10wd"), Handle(p, TicketKind.Help, complex: true));
        Assert.Null(p.Handle.Complex);
        // art. 20: at most one extension; arts. 26, 27: 72 h → basic, manual callback 1 wd, appeal 5 wd.
        Assert.Equal(1, p.Extension.MaxCount);
        Assert.Null(p.Extension.MaxTotalDays);
        Assert.Null(p.Extension.ApplyBefore);
        Assert.Equal(D("72h"), p.CallbackAuto!.Limit);
        Assert.Equal(CallbackRating.Basic, p.CallbackAuto.DefaultRating);
        Assert.Equal(D("1wd"), p.ManualCallback!.Limit);
        Assert.Equal(D("5wd"), p.Appeal!.Limit);
        Assert.Equal([1, 2, 3], p.Supervision.Select(s => s.Level));
        Assert.Equal(["0h", "1wd", "3wd"], p.Supervision.Select(s => s.After.ToString()));
        Assert.Contains("supervision ladder 0h/1wd/3wd", p.Assumed);
        Assert.Contains("handle praise 10wd", p.Assumed);
        Assert.StartsWith("art. 19(1)", p.Sources["clocks.handle.limit.consultation"], StringComparison.Ordinal);
    }

    [Fact]
    public void Linyi2016_CarriesArticle22()
    {
        var p = Get("linyi-2016");
        Assert.Null(p.Sign);
        Assert.False(p.HasSignClock);
        Assert.Equal(D("2wd"), p.Return!.Limit);
        Assert.Equal(ClockStart.Dispatch, p.Return.From);
        Assert.Equal(ClockStart.Dispatch, p.Handle!.From);
        Assert.Equal(D("1wd"), Handle(p, TicketKind.Consultation)); // 22(1)
        Assert.Equal(D("3wd"), Handle(p, TicketKind.Complaint)); // 22(2)
        Assert.Equal(D("5wd"), Handle(p, TicketKind.Complaint, complex: true)); // 22(2)
        Assert.Equal(D("1wd"), Handle(p, TicketKind.Consultation, complex: true)); // 22(1): complex consultations 1 wd
        Assert.Equal(D("1wd"), p.Extension.ApplyBefore); // 22(2)
        Assert.Null(p.Extension.MaxCount);
        Assert.Null(p.CallbackAuto);
        Assert.Null(p.Appeal);
        Assert.Null(p.Hotspot);
    }

    [Fact]
    public void Xiangfen2022_CarriesArticles7_10_13()
    {
        var p = Get("xiangfen-2022");
        Assert.Null(p.Sign);
        Assert.Equal(D("4wh"), p.Return!.Limit); // 7(2): within 4 hours
        foreach (var kind in Enum.GetValues<TicketKind>())
        {
            Assert.Equal(D("3wd"), Handle(p, kind)); // 10(3)
            Assert.Equal(D("5wd"), Handle(p, kind, complex: true));
        }

        Assert.Equal(15, p.Extension.MaxTotalDays); // 13(3)
        Assert.Null(p.Extension.MaxCount);
        Assert.Equal([1, 2, 3], p.Supervision.Select(s => s.Level)); // 13(1)
        Assert.Null(p.BusinessHours);
        Assert.Contains(p.Assumed, a => a.StartsWith("businessHours", StringComparison.Ordinal));
    }

    [Fact]
    public void Zhongshan2024_CatalogDeadlineFirst_AssumedFallbacks_Hotspot()
    {
        var p = Get("zhongshan-2024");
        Assert.Null(p.Sign);
        Assert.Equal(ClockStart.Dispatch, p.Handle!.From); // arts. 17, 22
        // art. 15: the catalog entry's deadline beats the profile's kind limit.
        Assert.Equal(D("6wd"), p.Handle.LimitFor(TicketKind.Complaint, false, false, D("6wd"), null));
        Assert.Equal(D("10wd"), Handle(p, TicketKind.Complaint));
        Assert.Equal(D("2wd"), p.Return!.Limit);
        Assert.Contains("return 2wd", p.Assumed);
        Assert.Contains(p.Assumed, a => a.StartsWith("handle consultation 3wd / others 10wd", StringComparison.Ordinal));
        Assert.Equal(D("7d"), p.Hotspot!.Window); // arts. 26–29
        Assert.Equal(10, p.Hotspot.Min);
        Assert.Equal(3, p.Hotspot.Factor);
        Assert.Contains("hotspot 7d/10/3", p.Assumed);
        Assert.Null(p.Extension.MaxCount); // art. 18: extensions with reasons, no count
    }

    [Fact]
    public void Changzhi_MostlyAssumed()
    {
        var p = Get("changzhi");
        Assert.Null(p.Sign);
        Assert.Null(p.Return);
        Assert.Equal(D("3wd"), Handle(p, TicketKind.Complaint));
        Assert.Contains("handle 3wd, complex 5wd", p.Assumed);
        // 三(四): overdue matters go to the supervision office.
        var step = Assert.Single(p.Supervision);
        Assert.Equal(3, step.Level);
        Assert.Contains("supervision level 3 after 1wd", p.Assumed);
    }
}

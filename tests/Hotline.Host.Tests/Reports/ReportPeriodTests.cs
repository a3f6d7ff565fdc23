using Hotline.Host.Reports;
using NodaTime;

namespace Hotline.Host.Tests.Reports;

/// <summary>The report window: months in the engine's zone, ranges, and the default month.</summary>
public class ReportPeriodTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Fact]
    public void Resolve_Month_MidnightToMidnightInTheZone()
    {
        var p = ReportPeriod.Resolve("2026-02", null, null, null, Zone, out var error)!;

        Assert.Null(error);
        Assert.Equal(Instant.FromUtc(2026, 1, 31, 16, 0), p.From);
        Assert.Equal(Instant.FromUtc(2026, 2, 28, 16, 0), p.To);
        Assert.Equal("2026-02", p.Label);
        Assert.Equal(28, p.Days.Count());
    }

    [Fact]
    public void Resolve_NoPeriod_TheMonthOfTheClockInTheZone()
    {
        // 2026-03-31T17:00Z is already 1 April in Shanghai.
        var p = ReportPeriod.Resolve(null, null, null, Instant.FromUtc(2026, 3, 31, 17, 0), Zone, out _)!;

        Assert.Equal("2026-04", p.Label);
    }

    [Fact]
    public void Resolve_NoPeriodNoClock_Error()
    {
        Assert.Null(ReportPeriod.Resolve(null, null, null, null, Zone, out var error));
        Assert.Contains("no default month", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WholeDays_LabelledByInclusiveDates()
    {
        var p = ReportPeriod.Resolve(null, "2026-03-01T00:00+08:00", "2026-03-16T00:00+08:00", null, Zone, out _)!;

        Assert.Equal("2026-03-01 – 2026-03-15", p.Label);
        Assert.Equal("2026-03-01_2026-03-15", p.FileStem);
        Assert.Equal(new LocalDate(2026, 3, 16), p.EndDay);
    }

    [Fact]
    public void Resolve_PartDays_LabelledByInstantsAndCoversTheirDays()
    {
        var p = ReportPeriod.Resolve(null, "2026-03-09T12:00+08:00", "2026-03-10T08:00+08:00", null, Zone, out _)!;

        Assert.Equal("2026-03-09T12:00:00+08:00 – 2026-03-10T08:00:00+08:00", p.Label);
        Assert.Equal([new LocalDate(2026, 3, 9), new LocalDate(2026, 3, 10)], p.Days);
    }
}

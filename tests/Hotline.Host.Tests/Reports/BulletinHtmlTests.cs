using System.Text.RegularExpressions;
using Hotline.Engine.Protocol;
using Hotline.Engine.Statistics;
using Hotline.Host.Reports;
using NodaTime;

namespace Hotline.Host.Tests.Reports;

/// <summary>The bulletin is one self-contained, escaped HTML5 page with its charts and every unit.</summary>
[Collection(SampleMonthCollection.Name)]
public partial class BulletinHtmlTests(SampleMonthData sample)
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private string SampleBulletin(params string[] extra)
    {
        string file = Path.Combine(Path.GetTempPath(), $"hotline-bulletin-{Guid.NewGuid():N}.html");
        try
        {
            var (exit, _, stderr) = CliRunner.Run(["report", "--data", sample.DataDirectory, "--month", "2026-03", "--format", "html", "--out", file, .. extra]);
            Assert.True(exit == 0, stderr);
            return File.ReadAllText(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Render_SampleMonth_IsSelfContained()
    {
        string html = SampleBulletin();

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>12345 Hotline monthly bulletin — 2026-03</title>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SampleMonth_HasBothChartsWithAccessibleTitles()
    {
        string html = SampleBulletin();

        Assert.Equal(2, SvgOpen().Matches(html).Count);
        Assert.Contains("<svg class=\"chart\" id=\"chart-volume\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\" id=\"chart-rates\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-volume-title\">Tickets received per day</title>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-rates-title chart-rates-desc\"", html, StringComparison.Ordinal);
        Assert.Equal(31, DayBar().Matches(html).Count); // one column per day of March
        Assert.Contains("<th scope=\"col\">", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SampleMonth_ShowsEveryUnitTheMonthAndTheHotSpots()
    {
        string html = SampleBulletin();
        var (_, json, _) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03");
        var units = SampleMonthData.Parse(json)["units"]!.AsObject();

        foreach (var (unit, _) in units)
        {
            Assert.Contains($"<code>{unit}</code>", html, StringComparison.Ordinal);
        }

        Assert.Contains("2026-03", html, StringComparison.Ordinal);
        Assert.Contains($"And {units.Count - BulletinHtml.ChartUnits} more units", html, StringComparison.Ordinal);
        Assert.Contains("<code>noise.construction.night</code>", html, StringComparison.Ordinal); // the Meixihu hot spot
        Assert.Contains("<code>430111002</code>", html, StringComparison.Ordinal);                // the Yuhuating one
        Assert.Contains("Received <span lang=\"zh-Hans\">受理</span></dt><dd class=\"value\">199</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithCatalog_ShowsChineseNamesAsText()
    {
        string html = SampleBulletin("--catalog", SampleMonthData.CatalogFile);

        Assert.Contains("12345政务服务便民热线", html, StringComparison.Ordinal);
        Assert.Contains("Meixihu Street (梅溪湖街道)", html, StringComparison.Ordinal);
        Assert.Contains("(市住建局)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pass <code>--catalog FILE</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileIds_AreEscaped()
    {
        const string evil = "<script>alert('x')</script>&\"";
        var counters = new UnitCounters { Dispatched = 3, Closed = 2, ClosedOnTime = 1, Satisfied = 1, Unsatisfied = 1 };
        var period = ReportPeriod.Month(new LocalDate(2026, 3, 1), Zone);
        var data = new BulletinData(
            period,
            Zone,
            null,
            new Report(period.From, period.To, [KeyValuePair.Create(evil, counters)]),
            [new DailyCounters(new LocalDate(2026, 3, 2), StatisticsDimension.Category, evil, 3, counters)],
            [new EngineEvent { Name = "hotspot", Category = evil, Region = "<b>r</b>", Count = 10, Baseline = 0.5m }],
            period.From + Duration.FromDays(3),
            CatalogNames.None);

        string html = BulletinHtml.Render(data);

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>r</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.Contains("50.00%", html, StringComparison.Ordinal); // on-time 1/2, satisfaction 1/2
    }

    [Fact]
    public void Render_EmptyPeriod_SaysSoAndStillDrawsTheDays()
    {
        var period = ReportPeriod.Month(new LocalDate(2026, 2, 1), Zone);
        var data = new BulletinData(period, Zone, null, new Report(period.From, period.To, []), [], [], null, CatalogNames.None);

        string html = BulletinHtml.Render(data);

        Assert.Single(SvgOpen().Matches(html));
        Assert.Equal(28, DayBar().Matches(html).Count);
        Assert.Contains("No unit had any counted event in this period.", html, StringComparison.Ordinal);
        Assert.Contains("No hot spot was raised in this period", html, StringComparison.Ordinal);
        Assert.Contains("On-time rate <span lang=\"zh-Hans\">按时办结率</span></dt><dd class=\"value\">—</dd>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(11, 12)]
    [InlineData(17, 20)]
    [InlineData(33, 40)]
    [InlineData(41, 60)]
    [InlineData(81, 120)]
    [InlineData(1001, 1200)]
    public void NiceCeiling_Value_SmallestRoundAbove(int value, int expected)
    {
        Assert.Equal(expected, SvgCharts.NiceCeiling(value));
    }

    [GeneratedRegex("<svg[ >]")]
    private static partial Regex SvgOpen();

    [GeneratedRegex("<g class=\"bar( weekend)?\"><title>")]
    private static partial Regex DayBar();
}

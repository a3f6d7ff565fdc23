using Hotline.Engine.Engine;

namespace Hotline.Host.Tests.Reports;

/// <summary><c>hotline report</c> over a data directory: the JSON must equal a recount by the <c>report</c> command.</summary>
[Collection(SampleMonthCollection.Name)]
public class ReportCommandTests(SampleMonthData sample)
{
    private const string March = "2026-03-01T00:00:00+08:00";
    private const string April = "2026-04-01T00:00:00+08:00";

    [Fact]
    public void Report_JsonMonth_EqualsReportCommandRecount()
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03");

        Assert.True(exit == 0, stderr);
        var report = SampleMonthData.Parse(stdout);
        var recount = sample.Recount(March, April);
        Assert.Equal(["from", "to", "units"], report.Select(p => p.Key));
        Assert.Equal(March, (string?)report["from"]);
        Assert.Equal(April, (string?)report["to"]);
        Assert.True(report["units"]!.AsObject().Count > 20, "the sample month should reach many units");
        Assert.Equal(recount["units"]!.ToJsonString(), report["units"]!.ToJsonString());
    }

    [Fact]
    public void Report_NoPeriod_DefaultsToTheMonthOfTheEngineClock()
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory);

        Assert.True(exit == 0, stderr);
        var report = SampleMonthData.Parse(stdout);
        Assert.Equal(March, (string?)report["from"]);
        Assert.Equal(April, (string?)report["to"]);
    }

    [Fact]
    public void Report_FromToWindowAndUnit_EqualsReportCommandRecount()
    {
        const string from = "2026-03-09T12:00:00+08:00", to = "2026-03-20T00:00:00+08:00";
        var (_, all, _) = CliRunner.Run("report", "--data", sample.DataDirectory, "--from", from, "--to", to);
        string unit = SampleMonthData.Parse(all)["units"]!.AsObject().First().Key;

        var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--from", from, "--to", to, "--unit", unit);

        Assert.True(exit == 0, stderr);
        var report = SampleMonthData.Parse(stdout);
        Assert.Equal([unit], report["units"]!.AsObject().Select(p => p.Key));
        Assert.Equal(sample.Recount(from, to, unit)["units"]!.ToJsonString(), report["units"]!.ToJsonString());
        Assert.Equal(sample.Recount(from, to)["units"]!.ToJsonString(), SampleMonthData.Parse(all)["units"]!.ToJsonString());
    }

    [Fact]
    public void Report_UnitWithNoCounts_EmptyUnits()
    {
        var (exit, stdout, _) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03", "--unit", "no-such-unit");

        Assert.Equal(0, exit);
        Assert.Empty(SampleMonthData.Parse(stdout)["units"]!.AsObject());
    }

    [Fact]
    public void Report_JsonToFile_WritesTheObjectAndPrintsThePath()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hotline-report-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03", "--out", file);

            Assert.True(exit == 0, stderr);
            Assert.Equal(Path.GetFullPath(file), stdout.Trim());
            Assert.Equal(sample.Recount(March, April)["units"]!.ToJsonString(), SampleMonthData.Parse(File.ReadAllText(file))["units"]!.ToJsonString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Report_Html_WritesTheBulletinAndPrintsItsPath()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hotline-bulletin-{Guid.NewGuid():N}.html");
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03", "--format", "html", "--out", file);

            Assert.True(exit == 0, stderr);
            Assert.Equal(Path.GetFullPath(file), stdout.Trim());
            string html = File.ReadAllText(file);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("12345 Hotline monthly bulletin — 2026-03", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--month", "2026-13", "--month: '2026-13' is not a month")]
    [InlineData("--month", "March", "--month: 'March' is not a month")]
    [InlineData("--format", "pdf", "--format: 'pdf' must be json or html")]
    [InlineData("--from", "2026-03-01T00:00+08:00", "--from and --to go together")]
    [InlineData("--to", "2026-03-01T00:00", "--from and --to go together")]
    public void Report_BadArguments_ExitsTwoWithOneLine(string option, string value, string expected)
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, option, value);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MonthAndRange_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--month", "2026-03", "--from", March, "--to", April);

        Assert.Equal(2, exit);
        Assert.Contains("--month cannot be combined with --from/--to", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ToBeforeFrom_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--from", April, "--to", March);

        Assert.Equal(2, exit);
        Assert.Contains("must be after --from", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownArgument_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory, "--moth", "2026-03");

        Assert.Equal(2, exit);
        Assert.Contains("unexpected argument '--moth'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoDataOption_ExitsTwo()
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", "--month", "2026-03");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("--data DIR is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoSuchDirectory_ExitsTwo()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"hotline-missing-{Guid.NewGuid():N}");

        var (exit, stdout, stderr) = CliRunner.Run("report", "--data", missing);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal($"hotline: --data: no such directory: {missing}\n", stderr.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Report_NotADataDirectory_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--data", AppContext.BaseDirectory);

        Assert.Equal(2, exit);
        Assert.Contains("is not a hotline data directory", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_DirectoryInUse_ExitsTwo()
    {
        await using (HotlineEngine.OpenReadOnly(sample.DataDirectory))
        {
            var (exit, stdout, stderr) = CliRunner.Run("report", "--data", sample.DataDirectory);

            Assert.Equal(2, exit);
            Assert.Empty(stdout);
            Assert.Contains("is in use", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_Help_ShowsOptionsAndAnExample()
    {
        var (exit, stdout, _) = CliRunner.Run("report", "--help");

        Assert.Equal(0, exit);
        foreach (string option in new[] { "--data", "--month", "--from", "--to", "--unit", "--format", "--out", "--catalog", "hotline report --data /tmp/hl --month 2026-03" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DefaultFileName_MonthAndUnit_NamesBoth()
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var month = Hotline.Host.Reports.ReportPeriod.Month(new NodaTime.LocalDate(2026, 3, 5), zone);

        Assert.Equal("hotline-bulletin-2026-03.html", Commands.ReportCommand.DefaultFileName(month, null));
        Assert.Equal("hotline-bulletin-2026-03-a_b.html", Commands.ReportCommand.DefaultFileName(month, "a/b"));
    }
}

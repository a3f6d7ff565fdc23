namespace Hotline.Host.Tests.Reports;

/// <summary>
/// docs/report.md on spec §7.4 through <c>hotline report</c>: an approved appeal takes the rating out
/// of the counts and the satisfaction rate, and leaves every other count as it was.
/// </summary>
public sealed class ReportAppealTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"hotline-appeal-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private const string Rated = """
        {"op":"receive","at":"2026-03-02T09:00:00+08:00","ticket":"A1","channel":"phone","kind":"complaint","category":"noise.construction","region":"430102001"}
        {"op":"sign","at":"2026-03-02T10:00:00+08:00","ticket":"A1","unit":"furong-urban-mgmt"}
        {"op":"close","at":"2026-03-03T10:00:00+08:00","ticket":"A1","unit":"furong-urban-mgmt","reply":"stopped"}
        {"op":"close-decision","at":"2026-03-03T11:00:00+08:00","ticket":"A1","approve":true}
        {"op":"callback","at":"2026-03-03T12:00:00+08:00","ticket":"A1","mode":"manual"}
        {"op":"rate","at":"2026-03-03T13:00:00+08:00","ticket":"A1","rating":"unsatisfied"}
        {"op":"appeal","at":"2026-03-04T09:00:00+08:00","ticket":"A1","unit":"furong-urban-mgmt","ground":"recording"}

        """;

    private string UnitCounts(string input)
    {
        Environment.SetEnvironmentVariable("HOTLINE_KEY", HotlineProcess.TestKey);
        var (run, events, runErr) = CliRunner.RunWithInput(input, "run", "--profile", "changsha-2020", "--catalog", SampleMonthData.CatalogFile, "--data", _dir);
        Assert.True(run == 0, runErr);
        Assert.DoesNotContain("\"rejected\"", events, StringComparison.Ordinal);
        var (exit, stdout, stderr) = CliRunner.Run("report", "--data", _dir, "--month", "2026-03");
        Assert.True(exit == 0, stderr);
        return SampleMonthData.Parse(stdout)["units"]!["furong-urban-mgmt"]!.ToJsonString();
    }

    [Fact]
    public void Report_AppealPending_UnsatisfiedCounts()
    {
        Assert.Equal(
            """{"dispatched":1,"signedOnTime":1,"signedLate":0,"returned":0,"extended":0,"closed":1,"closedOnTime":1,"overdue":0,"satisfied":0,"basic":0,"unsatisfied":1,"redo":0,"onTimeRate":1,"satisfactionRate":0}""",
            UnitCounts(Rated));
    }

    [Fact]
    public void Report_AppealApproved_RatingLeavesTheCountsOnlyTheRatingChanges()
    {
        string approved = Rated + """{"op":"appeal-decision","at":"2026-03-05T09:00:00+08:00","ticket":"A1","approve":true}""" + "\n";

        Assert.Equal(
            """{"dispatched":1,"signedOnTime":1,"signedLate":0,"returned":0,"extended":0,"closed":1,"closedOnTime":1,"overdue":0,"satisfied":0,"basic":0,"unsatisfied":0,"redo":0,"onTimeRate":1,"satisfactionRate":null}""",
            UnitCounts(approved));
    }
}

namespace Hotline.Host.Tests;

public class CalendarCommandTests
{
    [Fact]
    public void Due_SpringFestivalExample_PrintsSpecDue()
    {
        var (exit, stdout, stderr) = CliRunner.Run("calendar", "due", "--from", "2026-02-13T16:00+08:00", "--limit", "2wd");
        Assert.Equal(0, exit);
        Assert.Equal("2026-02-25T00:00:00+08:00\n", stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(stderr);
    }

    [Fact]
    public void Due_IntoUncoveredYear_WarnsOnStderr()
    {
        var (exit, stdout, stderr) = CliRunner.Run("calendar", "due", "--from", "2026-12-30T10:00+08:00", "--limit", "3wd");
        Assert.Equal(0, exit);
        Assert.StartsWith("2027-01-05T00:00:00+08:00", stdout, StringComparison.Ordinal);
        Assert.Contains("does not cover", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_CalendarFileAdds2027()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-2027-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"holidays": ["2027-01-01", "2027-01-04"]}""");
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run("calendar", "due", "--from", "2026-12-30T10:00+08:00", "--limit", "3wd", "--calendar", path);
            Assert.Equal(0, exit);
            Assert.StartsWith("2027-01-07T00:00:00+08:00", stdout, StringComparison.Ordinal); // 12-31, 01-05, 01-06
            Assert.Empty(stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--from", "2026-02-13T16:00", "--limit", "2wd", "--from")]
    [InlineData("--from", "2026-02-13T16:00+08:00", "--limit", "3xd", "'3xd' is not a duration")]
    [InlineData("--from", "2026-02-13T16:00+08:00", "--limit", "-1wd", "'-1wd' is not a duration")]
    public void Due_BadInput_ExitsTwoNamingTheValue(string o1, string v1, string o2, string v2, string expected)
    {
        var (exit, stdout, stderr) = CliRunner.Run("calendar", "due", o1, v1, o2, v2);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidFile_ListsEveryProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hotline-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"zone": "Mars/Olympus", "holidays": ["2027-13-01"]}""");
        try
        {
            var (exit, _, stderr) = CliRunner.Run("calendar", "check", path);
            Assert.Equal(2, exit);
            Assert.Contains("Mars/Olympus", stderr, StringComparison.Ordinal);
            Assert.Contains("2027-13-01", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

namespace Hotline.Host.Tests;

/// <summary>Spec §1: unusable arguments exit 2 with one line on stderr and nothing on stdout.</summary>
public class CliArgumentsTests
{
    [Theory]
    [InlineData("Option '--profile' is required", "run", "--catalog", "c.json")]
    [InlineData("Unrecognized command or argument '--bogus'", "run", "--profile", "changsha-2020", "--catalog", "c.json", "--bogus")]
    [InlineData("Option '--limit' is required", "calendar", "due", "--from", "2026-03-02T09:00+08:00")]
    [InlineData("Required command was not provided")]
    public void UnusableArguments_ExitTwo_OneLineOnStderr(string expected, params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
    }
}

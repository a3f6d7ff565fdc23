namespace Hotline.Host.Tests.Reports;

/// <summary><c>samples/month.jsonl</c> is what <see cref="SampleMonth"/> makes, and the engine rejects none of it.</summary>
public class SampleMonthTests
{
    /// <summary>Set to 1 to rewrite samples/month.jsonl from the generator (then commit it).</summary>
    private const string RewriteVariable = "HOTLINE_WRITE_SAMPLES";

    [Fact]
    public async Task Generate_CommittedSample_MatchesGenerator()
    {
        var lines = await SampleMonth.GenerateAsync();
        string text = string.Join("\n", lines) + "\n";
        if (Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(RepositoryRoot(), "samples", "month.jsonl"), text);
        }

        string committed = await File.ReadAllTextAsync(SampleMonthData.SampleFile);
        Assert.True(
            string.Equals(text, committed.ReplaceLineEndings("\n"), StringComparison.Ordinal),
            $"samples/month.jsonl differs from SampleMonth's output; rerun with {RewriteVariable}=1 and commit the file");
        Assert.InRange(text.Length, 50_000, 300_000);
    }

    [Fact]
    public async Task Generate_Twice_SameLines()
    {
        Assert.Equal(await SampleMonth.GenerateAsync(), await SampleMonth.GenerateAsync());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Hotline.Engine.sln) not found above " + AppContext.BaseDirectory);
    }
}

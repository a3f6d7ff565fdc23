using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotline.Host.Tests.Reports;

/// <summary>
/// A data directory made once from <c>samples/month.jsonl</c> by <c>hotline run --data</c>
/// (in-process, with the test journal key), shared by the report and bulletin tests.
/// </summary>
public sealed class SampleMonthData : IDisposable
{
    public static readonly string SampleFile = Path.Combine(AppContext.BaseDirectory, "samples", "month.jsonl");
    public static readonly string CatalogFile = Path.Combine(AppContext.BaseDirectory, "samples", "catalog-changsha.json");

    public SampleMonthData()
    {
        Environment.SetEnvironmentVariable("HOTLINE_KEY", HotlineProcess.TestKey);
        Input = File.ReadAllText(SampleFile);
        var (exit, _, stderr) = CliRunner.RunWithInput(Input, "run", "--profile", SampleMonth.Profile, "--catalog", CatalogFile, "--data", DataDirectory);
        if (exit != 0)
        {
            throw new InvalidOperationException($"hotline run --data failed ({exit}): {stderr}");
        }
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"hotline-report-{Guid.NewGuid():N}");

    public string Input { get; }

    /// <summary>The <c>report</c> event of an in-memory run over the same input plus a trailing report command.</summary>
    public JsonObject Recount(string from, string to, string? unit = null)
    {
        string unitField = unit is null ? string.Empty : $",\"unit\":\"{unit}\"";
        string report = $$"""{"op":"report","at":"2026-03-31T23:59:59+08:00","from":"{{from}}","to":"{{to}}"{{unitField}}}""";
        var (exit, stdout, stderr) = CliRunner.RunWithInput(Input + report + "\n", "run", "--profile", SampleMonth.Profile, "--catalog", CatalogFile);
        Assert.True(exit == 0, stderr);
        string last = stdout.TrimEnd('\n').Split('\n')[^1];
        var node = JsonNode.Parse(last)!.AsObject();
        Assert.Equal("report", (string?)node["event"]);
        return node;
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions())!.AsObject();

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

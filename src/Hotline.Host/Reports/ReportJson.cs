using System.Text;
using System.Text.Json;
using Hotline.Engine.Protocol;
using Hotline.Engine.Statistics;
using NodaTime;

namespace Hotline.Host.Reports;

/// <summary>
/// A report as the JSON object of spec §6 — <c>{"from","to","units":{...}}</c> — written by the
/// protocol's own <see cref="EventWriter"/>, so field order, instants and rates are byte for byte
/// those of a <c>report</c> event.
/// </summary>
internal static class ReportJson
{
    /// <summary>The report object, one line, without the event envelope.</summary>
    public static string Write(Report report, DateTimeZone zone)
    {
        string line = new EventWriter(zone).ToJson(new EngineEvent { Name = "report", Report = report });
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var text = new StringBuilder(line.Length);
        text.Append("{\"from\":").Append(root.GetProperty("from").GetRawText())
            .Append(",\"to\":").Append(root.GetProperty("to").GetRawText())
            .Append(",\"units\":").Append(root.GetProperty("units").GetRawText())
            .Append('}');
        return text.ToString();
    }
}

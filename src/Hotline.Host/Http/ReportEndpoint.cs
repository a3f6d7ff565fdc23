using System.Text.Json.Nodes;
using Hotline.Engine.Journal;
using Microsoft.AspNetCore.Http;

namespace Hotline.Host.Http;

/// <summary>
/// <c>GET /report?from=..&amp;to=..&amp;unit=..</c>: the statistics of spec §6 as one <c>report</c>
/// event. The operator may ask for any unit or all; a unit key gets its own unit only.
/// </summary>
internal static class ReportEndpoint
{
    /// <summary>Runs a <c>report</c> command stamped like any other.</summary>
    public static async Task<IResult> HandleAsync(HttpContext http, IServedEngine served)
    {
        var caller = ApiKeyFilter.CallerOf(http);
        var query = http.Request.Query;
        string? unit = query["unit"];
        if (!caller.IsOperator)
        {
            if (unit is not null && !string.Equals(unit, caller.Unit, StringComparison.Ordinal))
            {
                return Problem.Forbidden("unit", $"unit: this key reads the report of '{caller.Unit}' only");
            }

            unit = caller.Unit;
        }

        var command = new JsonObject { ["op"] = "report" };
        if ((string?)query["from"] is { } from)
        {
            command["from"] = from;
        }

        if ((string?)query["to"] is { } to)
        {
            command["to"] = to;
        }

        if (unit is not null)
        {
            command["unit"] = unit;
        }

        var preview = served.Preview(command, caller);
        if (preview.SchemaError is { } schema)
        {
            return Problem.BadRequest(Problem.FieldOf(schema) ?? "query", schema, "schema");
        }

        IReadOnlyList<ServedEvent> events;
        try
        {
            events = await served.SubmitAsync(command, caller).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return Problem.Unavailable("the engine is stopping");
        }
        catch (JournalException e)
        {
            return Problem.Unavailable(e.Message.ReplaceLineEndings(" "));
        }

        var last = events[^1];
        ReadOnlyMemory<byte>[] json = [last.Json];
        if (last.Name == "rejected")
        {
            return Problem.Rejected(last.Code ?? "rejected", last.Message ?? "rejected", json);
        }

        return JsonOutput.Ok(w => w.WriteRawValue(json[0].Span, skipInputValidation: true));
    }
}

using Microsoft.AspNetCore.Http;

namespace Hotline.Host.Http;

/// <summary>
/// <c>GET /tickets/{id}</c> (status and history) and <c>GET /units/{unit}/worklist</c> (a unit's
/// open tickets, soonest due first). A unit key sees only tickets its unit holds — another's is 404,
/// as if it did not exist — and only its own worklist.
/// </summary>
internal static class TicketEndpoints
{
    /// <summary>A ticket's status and its history since the host started.</summary>
    public static async Task<IResult> GetTicketAsync(string id, HttpContext http, IServedEngine served)
    {
        var caller = ApiKeyFilter.CallerOf(http);
        var status = await served.GetStatusAsync(id).ConfigureAwait(false);
        if (status is null || !caller.MaySee(status.Unit))
        {
            return CommandEndpoint.NoSuchTicket(id);
        }

        await served.CatchUpAsync(http.RequestAborted).ConfigureAwait(false);
        var history = served.Hub.History(id).Select(e => e.Json);
        var zone = served.Zone;
        return JsonOutput.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("ticket", id);
            JsonOutput.WriteStatus(w, status, zone);
            w.WritePropertyName("history");
            JsonOutput.WriteArray(w, history);
            w.WriteEndObject();
        });
    }

    /// <summary>A unit's open tickets with their status, soonest due first.</summary>
    public static async Task<IResult> GetWorklistAsync(string unit, HttpContext http, IServedEngine served)
    {
        var caller = ApiKeyFilter.CallerOf(http);
        if (!caller.IsOperator && !string.Equals(unit, caller.Unit, StringComparison.Ordinal))
        {
            return Problem.Forbidden("unit", $"unit: this key reads the worklist of '{caller.Unit}' only");
        }

        var list = await served.GetWorklistAsync(unit).ConfigureAwait(false);
        var zone = served.Zone;
        return JsonOutput.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("unit", unit);
            w.WriteStartArray("tickets");
            foreach (var (ticket, status) in list)
            {
                w.WriteStartObject();
                w.WriteString("ticket", ticket);
                JsonOutput.WriteStatus(w, status, zone);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}

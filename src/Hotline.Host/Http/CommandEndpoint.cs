using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Engine.Journal;
using Hotline.Engine.Protocol;
using Microsoft.AspNetCore.Http;

namespace Hotline.Host.Http;

/// <summary>
/// <c>POST /commands</c>: one command of the protocol (spec §2) as the body. The host stamps
/// <c>at</c> from its clock and <c>by</c> from the key, ignoring any the client sent; answers 200
/// with the events as a JSON array, 422 when the engine rejected the command, 400 for a body that
/// is not a command, 403/404 when a unit key reaches beyond its own tickets. A client command
/// <c>id</c> is kept per caller (<c>"furong-gov:abc"</c>), so retries are safe and private.
/// </summary>
internal static class CommandEndpoint
{
    /// <summary>The ops a handling unit performs (spec §2 "Who may do what"); the rest are the operator's.</summary>
    private static readonly HashSet<CommandOp> UnitOps =
    [
        CommandOp.Sign, CommandOp.Return, CommandOp.Extend, CommandOp.Progress, CommandOp.Close, CommandOp.Appeal,
    ];

    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    /// <summary>Handles the request.</summary>
    public static async Task<IResult> HandleAsync(HttpContext http, IServedEngine served, ServeOptions options)
    {
        var caller = ApiKeyFilter.CallerOf(http);

        // Cluster mode: ?partition=CODE says which partition (call centre) received the command; it forwards what it does not own.
        string? partition = http.Request.Query["partition"];
        if (partition is not null && !served.HasPartition(partition))
        {
            return Problem.BadRequest("partition", $"partition: no partition '{partition}' (only a cluster host has partitions)", "schema");
        }

        if (partition is not null && !caller.IsOperator)
        {
            return Problem.Forbidden("partition", "partition: only an operator key addresses a partition");
        }

        var body = await ReadBodyAsync(http.Request, options.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Problem.TooLarge(options.MaxBodyBytes);
        }

        JsonNode? node;
        try
        {
            // Duplicate names are refused: the host's checks and the engine's reader must see one value per field.
            node = JsonNode.Parse(body, documentOptions: NoDuplicates);
        }
        catch (JsonException e)
        {
            return Problem.BadRequest("body", $"body: not JSON: {e.Message}", "malformed");
        }

        if (node is not JsonObject command)
        {
            return Problem.BadRequest("body", $"body: not a JSON object (it is {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())})", "malformed");
        }

        // Only the host says when and who: a client's at and by are dropped, never trusted.
        command.Remove("at");
        command.Remove("by");

        // Client command ids are per caller: one caller can neither probe nor pre-empt another's retries.
        if (command["id"] is JsonValue id && id.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
        {
            command["id"] = $"{caller.Id}:{(id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id.ToJsonString())}";
        }
        if (!caller.IsOperator)
        {
            var unit = command["unit"];
            if (unit is null)
            {
                command["unit"] = caller.Unit;
            }
            else if (unit.GetValueKind() == JsonValueKind.String && !string.Equals(unit.GetValue<string>(), caller.Unit, StringComparison.Ordinal))
            {
                return Problem.Forbidden("unit", $"unit: this key acts for '{caller.Unit}' only, not '{unit.GetValue<string>()}'");
            }
        }

        var preview = served.Preview(command, caller);
        if (preview.SchemaError is { } schema)
        {
            return Problem.BadRequest(Problem.FieldOf(schema) ?? "body", schema, "schema");
        }

        if (!caller.IsOperator)
        {
            if (!UnitOps.Contains(preview.Op))
            {
                return Problem.Forbidden("op", $"op: a unit key may submit sign, return, extend, progress, close and appeal; '{CommandReader.OpName(preview.Op)}' is the operator's");
            }

            // Another unit's ticket is answered as if it did not exist, before anything can tell them apart.
            var status = await served.GetStatusAsync(preview.Ticket!).ConfigureAwait(false);
            if (status is null || !caller.MaySee(status.Unit))
            {
                return NoSuchTicket(preview.Ticket!);
            }
        }

        IReadOnlyList<ServedEvent> events;
        try
        {
            events = await served.SubmitAsync(command, caller, partition).ConfigureAwait(false);
            await served.CatchUpAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return Problem.Unavailable("the engine is stopping");
        }
        catch (JournalException e)
        {
            return Problem.Unavailable(e.Message.ReplaceLineEndings(" "));
        }

        if (!caller.IsOperator)
        {
            // Moving the clock may have fired other tickets' timers: a unit sees only the ticket it acted on.
            events = [.. events.Where(e => e.Name == "already-applied" || string.Equals(e.Ticket, preview.Ticket, StringComparison.Ordinal))];
        }

        var json = events.Select(e => e.Json).ToList();
        if (events.Count > 0 && events[^1] is { Name: "rejected" } rejected)
        {
            string code = rejected.Code ?? "rejected";
            string message = rejected.Message ?? code;
            if (!caller.IsOperator && code is "unknown-ticket" or "wrong-unit")
            {
                return NoSuchTicket(preview.Ticket!); // it changed hands between the check and the command
            }

            return code == "schema"
                ? Problem.BadRequest(Problem.FieldOf(message) ?? "body", message, "schema")
                : Problem.Rejected(code, message, json);
        }

        return JsonOutput.Ok(w => JsonOutput.WriteArray(w, json));
    }

    internal static IResult NoSuchTicket(string ticket) => Problem.NotFound("ticket", $"ticket: no ticket '{ticket}'");

    /// <summary>The body as text, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

using System.Text.Json;
using Hotline.Engine.Intake;
using Hotline.Engine.Calendar;
using Hotline.Engine.Tickets;
using NodaTime;
using NodaTime.Text;

namespace Hotline.Engine.Protocol;

/// <summary>
/// Reads one JSON line of the run protocol (spec §1) into an <see cref="EngineCommand"/>. It never
/// throws on bad input: a line that is not a JSON object gives a command with
/// <see cref="EngineCommand.Malformed"/>, a command that breaks the schema one with
/// <see cref="EngineCommand.SchemaError"/> naming the field, so the engine can answer it in order.
/// </summary>
public static class CommandReader
{
    private static readonly string[] Channels = ["phone", "web", "email", "sms", "wechat", "app"];
    private static readonly string[] Kinds = ["consultation", "help", "complaint", "report", "suggestion", "praise"];
    private static readonly string[] Modes = ["auto", "manual"];
    private static readonly string[] Ratings = ["satisfied", "basic", "unsatisfied"];

    /// <summary>
    /// Reads a line. Returns null for a blank or whitespace-only line (spec §7.11), which is skipped.
    /// </summary>
    /// <param name="line">The line's text.</param>
    /// <param name="lineNumber">Its number, counted from 1.</param>
    public static EngineCommand? Read(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new EngineCommand { Line = lineNumber, Malformed = $"not a JSON object: {FirstSentence(e.Message)}", RawJson = line };
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new EngineCommand { Line = lineNumber, Malformed = $"not a JSON object: the line is a JSON {root.ValueKind.ToString().ToLowerInvariant()}", RawJson = line };
            }

            return new Parser(root, lineNumber).Parse() with { RawJson = line };
        }
    }

    /// <summary>The wire name of an op (<c>return-decision</c>).</summary>
    public static string OpName(CommandOp op) => op switch
    {
        CommandOp.ReturnDecision => "return-decision",
        CommandOp.ExtendDecision => "extend-decision",
        CommandOp.CloseDecision => "close-decision",
        CommandOp.AppealDecision => "appeal-decision",
        _ => op.ToString().ToLowerInvariant(),
    };

    private static CommandOp? ParseOp(string name) => name switch
    {
        "receive" => CommandOp.Receive,
        "dispatch" => CommandOp.Dispatch,
        "sign" => CommandOp.Sign,
        "return" => CommandOp.Return,
        "return-decision" => CommandOp.ReturnDecision,
        "extend" => CommandOp.Extend,
        "extend-decision" => CommandOp.ExtendDecision,
        "progress" => CommandOp.Progress,
        "close" => CommandOp.Close,
        "close-decision" => CommandOp.CloseDecision,
        "callback" => CommandOp.Callback,
        "rate" => CommandOp.Rate,
        "appeal" => CommandOp.Appeal,
        "appeal-decision" => CommandOp.AppealDecision,
        "redo" => CommandOp.Redo,
        "supervise" => CommandOp.Supervise,
        "query" => CommandOp.Query,
        "catalog" => CommandOp.Catalog,
        "advance" => CommandOp.Advance,
        "report" => CommandOp.Report,
        _ => null,
    };

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message;
    }

    /// <summary>Reads the fields of one command object; the first problem found is the schema error.</summary>
    private sealed class Parser(JsonElement root, int line)
    {
        private string? _problem;

        public EngineCommand Parse()
        {
            // The envelope first: its fields are echoed even when the rest is wrong.
            Instant? at = ReadAt();
            string? ticket = OptionalString("ticket");
            string? by = OptionalString("by");
            string? id = ReadId();

            CommandOp op = CommandOp.None;
            if (!root.TryGetProperty("op", out var opElement))
            {
                Fail("op: missing (one of receive, dispatch, sign, return, ...)");
            }
            else if (opElement.ValueKind != JsonValueKind.String || ParseOp(opElement.GetString()!) is not { } parsed)
            {
                Fail($"op: {opElement.GetRawText()} is not an operation of the protocol");
            }
            else
            {
                op = parsed;
            }

            if (_problem is null && op is not (CommandOp.Advance or CommandOp.Catalog or CommandOp.Report or CommandOp.None) && ticket is null)
            {
                Fail("ticket: missing (a string)");
            }

            var command = op switch
            {
                CommandOp.Receive => ReadReceive(),
                CommandOp.Dispatch => new EngineCommand { Unit = RequiredString("unit"), Co = OptionalStrings("co") },
                CommandOp.Sign => new EngineCommand { Unit = RequiredString("unit") },
                CommandOp.Return => new EngineCommand { Unit = RequiredString("unit"), Reason = RequiredString("reason") },
                CommandOp.ReturnDecision => ReadReturnDecision(),
                CommandOp.Extend => new EngineCommand { Unit = RequiredString("unit"), Days = RequiredDays(), Reason = RequiredString("reason") },
                CommandOp.ExtendDecision or CommandOp.CloseDecision or CommandOp.AppealDecision => new EngineCommand { Approve = RequiredBool("approve") },
                CommandOp.Progress => new EngineCommand { Unit = RequiredString("unit"), Text = RequiredString("text"), Promised = OptionalDate("promised") },
                CommandOp.Close => new EngineCommand { Unit = RequiredString("unit"), Reply = RequiredString("reply") },
                CommandOp.Callback => new EngineCommand { Mode = RequiredEnum("mode", Modes) },
                CommandOp.Rate => new EngineCommand { Rating = RequiredEnum("rating", Ratings) },
                CommandOp.Appeal => new EngineCommand { Unit = RequiredString("unit"), Ground = RequiredEnum("ground", Grounds.All) },
                CommandOp.Redo => new EngineCommand { Reason = OptionalString("reason") },
                CommandOp.Supervise => new EngineCommand { Reason = RequiredString("reason") },
                CommandOp.Catalog => new EngineCommand { File = RequiredString("file") },
                CommandOp.Report => new EngineCommand { From = RequiredInstant("from"), To = RequiredInstant("to"), Unit = OptionalString("unit") },
                _ => new EngineCommand(),
            };

            return CopyEnvelope(command, op, at, ticket, by, id);
        }

        private EngineCommand CopyEnvelope(EngineCommand c, CommandOp op, Instant? at, string? ticket, string? by, string? id) => new()
        {
            Op = op,
            At = at,
            Ticket = ticket,
            By = by,
            Id = id,
            Line = line,
            SchemaError = _problem,
            Channel = c.Channel,
            Kind = c.Kind,
            Category = c.Category,
            Region = c.Region,
            CallerName = c.CallerName,
            CallerPhone = c.CallerPhone,
            CallerAnonymous = c.CallerAnonymous,
            Text = c.Text,
            Complex = c.Complex,
            Limit = c.Limit,
            Exclusion = c.Exclusion,
            Emergency = c.Emergency,
            NewInformation = c.NewInformation,
            Urgent = c.Urgent,
            Answer = c.Answer,
            Unit = c.Unit,
            Co = c.Co,
            Reason = c.Reason,
            Approve = c.Approve,
            Days = c.Days,
            Promised = c.Promised,
            Reply = c.Reply,
            Mode = c.Mode,
            Rating = c.Rating,
            Ground = c.Ground,
            File = c.File,
            From = c.From,
            To = c.To,
        };

        private EngineCommand ReadReceive()
        {
            var channel = RequiredEnum("channel", Channels);
            var kindName = RequiredEnum("kind", Kinds);
            var category = RequiredString("category");
            var region = RequiredString("region");
            string? name = null, phone = null;
            bool anonymous = false;
            if (root.TryGetProperty("caller", out var caller) && caller.ValueKind != JsonValueKind.Null)
            {
                if (caller.ValueKind != JsonValueKind.Object)
                {
                    Fail($"caller: expected an object {{name, phone, anonymous}}, got {caller.GetRawText()}");
                }
                else
                {
                    name = OptionalString(caller, "caller.name");
                    phone = OptionalString(caller, "caller.phone");
                    anonymous = OptionalBool(caller, "caller.anonymous");
                }
            }

            WorkingDuration? limit = null;
            if (OptionalString("limit") is { } limitText)
            {
                if (WorkingDuration.TryParse(limitText, out var parsed))
                {
                    limit = parsed;
                }
                else
                {
                    Fail($"limit: '{limitText}' is not a duration (e.g. 3wd, 4wh, 72h, 2d)");
                }
            }

            return new EngineCommand
            {
                Channel = channel,
                Kind = kindName is null ? default : (TicketKind)Array.IndexOf(Kinds, kindName),
                Category = category,
                Region = region,
                CallerName = name,
                CallerPhone = phone,
                CallerAnonymous = anonymous,
                Text = OptionalString("text"),
                Complex = OptionalBool(root, "complex"),
                Limit = limit,
                Exclusion = OptionalEnum("exclusion", Refusals.ExclusionCodes),
                Emergency = OptionalEnum("emergency", Refusals.EmergencyCodes),
                NewInformation = OptionalBool(root, "newInformation"),
                Urgent = OptionalBool(root, "urgent"),
                Answer = OptionalString("answer"),
            };
        }

        private EngineCommand ReadReturnDecision()
        {
            bool approve = RequiredBool("approve");
            string? unit = OptionalString("unit");
            if (approve && unit is null && _problem is null)
            {
                Fail("unit: required when approving a return (the unit that takes the ticket over)");
            }

            return new EngineCommand { Approve = approve, Unit = unit };
        }

        private Instant? ReadAt()
        {
            if (!root.TryGetProperty("at", out var element))
            {
                Fail("at: missing (an ISO-8601 instant with offset, e.g. 2026-03-02T09:15:00+08:00)");
                return null;
            }

            return ReadInstant(element, "at");
        }

        private Instant? RequiredInstant(string field)
        {
            if (!root.TryGetProperty(field, out var element))
            {
                Fail($"{field}: missing (an ISO-8601 instant with offset)");
                return null;
            }

            return ReadInstant(element, field);
        }

        private Instant? ReadInstant(JsonElement element, string field)
        {
            if (element.ValueKind == JsonValueKind.String && InstantText.TryParse(element.GetString(), out var instant))
            {
                return instant;
            }

            Fail($"{field}: {element.GetRawText()} is not an ISO-8601 instant with offset, e.g. 2026-03-02T09:15:00+08:00");
            return null;
        }

        private string? ReadId()
        {
            if (!root.TryGetProperty("id", out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (element.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                return element.GetRawText();
            }

            Fail($"id: expected a string or a number, got {element.GetRawText()}");
            return null;
        }

        private string? RequiredString(string field)
        {
            if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                Fail($"{field}: missing (a string)");
                return null;
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                Fail($"{field}: expected a string, got {element.GetRawText()}");
                return null;
            }

            return element.GetString();
        }

        private string? OptionalString(string field) => OptionalString(root, field);

        private string? OptionalString(JsonElement obj, string path)
        {
            string field = path[(path.LastIndexOf('.') + 1)..];
            if (!obj.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                Fail($"{path}: expected a string, got {element.GetRawText()}");
                return null;
            }

            return element.GetString();
        }

        private bool OptionalBool(JsonElement obj, string path)
        {
            string field = path[(path.LastIndexOf('.') + 1)..];
            if (!obj.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return false;
            }

            if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return element.GetBoolean();
            }

            Fail($"{path}: expected true or false, got {element.GetRawText()}");
            return false;
        }

        private bool RequiredBool(string field)
        {
            if (!root.TryGetProperty(field, out var element) || element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Fail(root.TryGetProperty(field, out var e)
                    ? $"{field}: expected true or false, got {e.GetRawText()}"
                    : $"{field}: missing (true or false)");
                return false;
            }

            return element.GetBoolean();
        }

        private int RequiredDays()
        {
            if (!root.TryGetProperty("days", out var element))
            {
                Fail("days: missing (a whole number of working days ≥ 1)");
                return 0;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int days) || days < 1)
            {
                Fail($"days: {element.GetRawText()} is not a whole number of working days ≥ 1");
                return 0;
            }

            return days;
        }

        private string? RequiredEnum(string field, string[] allowed)
        {
            var value = RequiredString(field);
            if (value is not null && Array.IndexOf(allowed, value) < 0)
            {
                Fail($"{field}: '{value}' is not one of {string.Join(", ", allowed)}");
                return null;
            }

            return value;
        }

        private string? OptionalEnum(string field, string[] allowed)
        {
            var value = OptionalString(field);
            if (value is not null && Array.IndexOf(allowed, value) < 0)
            {
                Fail($"{field}: '{value}' is not one of {string.Join(", ", allowed)}");
                return null;
            }

            return value;
        }

        private IReadOnlyList<string>? OptionalStrings(string field)
        {
            if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                Fail($"{field}: expected an array of unit ids, got {element.GetRawText()}");
                return null;
            }

            return [.. element.EnumerateArray().Select(e => e.GetString()!)];
        }

        private LocalDate? OptionalDate(string field)
        {
            var text = OptionalString(field);
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                Fail($"{field}: '{text}' is not a date yyyy-MM-dd");
                return null;
            }

            return parsed.Value;
        }

        private void Fail(string problem) => _problem ??= problem;
    }
}

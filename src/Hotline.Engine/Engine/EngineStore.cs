using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Hotline.Engine.Calendar;
using Hotline.Engine.Catalog;
using Hotline.Engine.Journal;
using Hotline.Engine.Protocol;
using Hotline.Engine.Routing;

namespace Hotline.Engine.Engine;

/// <summary>
/// Durable mode: keeps every command the loop applies, with its events, in the data directory's
/// journal, and on start replays the journal into the engine core so tickets, timers, ids and the
/// clock come back exactly (the core is deterministic). The catalog and calendar in force are
/// journaled too, so a replay never reads a file that may have changed.
/// </summary>
/// <remarks>Used by the loop thread only (after <see cref="Open"/>, which runs before the loop starts).</remarks>
internal sealed class EngineStore : IDisposable
{
    private readonly DataDirectory _directory;
    private readonly FasterJournal _journal;
    private readonly PayloadSeal _seal;
    private readonly EventWriter _writer;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly ArrayBufferWriter<byte> _events = new(1024);
    private readonly ArrayBufferWriter<byte> _record = new(2048);
    private readonly Utf8JsonWriter _payloadWriter;
    private (EngineCommand Command, long FirstSeq)? _heldAdvance;

    private EngineStore(DataDirectory directory, FasterJournal journal, PayloadSeal seal, EventWriter writer)
    {
        _directory = directory;
        _journal = journal;
        _seal = seal;
        _writer = writer;
        _payloadWriter = new Utf8JsonWriter(_payload, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static EngineStore Open(string path, EngineOptions options, EngineCore core)
    {
        var warn = options.Warn;
        var key = JournalKey.Load(warn);
        if (options.ReadOnly && !File.Exists(Path.Combine(path, "hotline.json")))
        {
            throw new JournalException($"{path} is not a hotline data directory (no hotline.json)");
        }

        var directory = DataDirectory.Open(path, options.Profile.Name, options.Profile.ToJson(), JournalKey.Fingerprint(key));
        FasterJournal? journal = null;
        PayloadSeal? seal = null;
        try
        {
            journal = new FasterJournal(directory.JournalPath);
            seal = new PayloadSeal(key);
            var store = new EngineStore(directory, journal, seal, new EventWriter(core.Calendar.Zone));
            store.Recover(core, options, warn);
            if (journal.RecoveryProblem is { } problem)
            {
                warn($"data directory {path}: {problem}; the damaged journal was kept beside it as journal.damaged-N");
            }

            return store;
        }
        catch
        {
            seal?.Dispose();
            journal?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Reads a <c>catalog</c> command's file so the command carries its content (or why it cannot be used).</summary>
    public static EngineCommand Preload(EngineCommand command)
    {
        try
        {
            return command with { PreloadedCatalog = DispatchCatalog.Load(command.File!) };
        }
        catch (CatalogException e)
        {
            return command with { PreloadError = e.Message };
        }
    }

    public void Append(EngineCommand command, long firstSeq, List<EngineEvent> events)
    {
        if (command.Op == CommandOp.Advance && events.Count == 0 && command.SchemaError is null)
        {
            // A live host's tick that fired nothing: hold it, and journal it only before the next
            // record (the clock it set decides later out-of-order checks) or at a clean stop. Lost in
            // a crash, it acknowledged nothing, so nothing is lost. 86,400 ticks a day stay off disk.
            _heldAdvance = (command, firstSeq);
            return;
        }

        WriteHeldAdvance();
        Write(command, firstSeq, events);
    }

    /// <summary>Encodes a command record into reused buffers and appends it: no per-record arrays.</summary>
    private void Write(EngineCommand command, long firstSeq, List<EngineEvent> events)
    {
        _payload.ResetWrittenCount();
        _payloadWriter.Reset(_payload);
        CommandPayload.Encode(command, _payloadWriter);
        _payloadWriter.Flush();

        _events.ResetWrittenCount();
        foreach (var e in events)
        {
            _events.Write(_writer.ToUtf8(e).Span);
            _events.Write("\n"u8);
        }

        _record.ResetWrittenCount();
        JournalRecord.Encode(_seal, JournalRecordKind.Command, firstSeq, events.Count, _payload.WrittenSpan, _events.WrittenSpan, _record);
        _journal.Append(_record.WrittenSpan);
    }

    private void WriteHeldAdvance()
    {
        if (_heldAdvance is { } held)
        {
            _heldAdvance = null;
            Write(held.Command, held.FirstSeq, []);
        }
    }

    public async ValueTask CommitAsync()
    {
        try
        {
            await _journal.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FASTER.core.FasterException)
        {
            throw new JournalException($"cannot write the journal in {_directory.Path}: {e.Message}; nothing after the last commit was acknowledged", e);
        }
    }

    public void Dispose()
    {
        try
        {
            if (_heldAdvance is not null)
            {
                WriteHeldAdvance();
                _journal.CommitAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FASTER.core.FasterException)
        {
            // a tick that fired nothing; losing it loses nothing acknowledged
        }

        _journal.Dispose();
        _payloadWriter.Dispose();
        _seal.Dispose();
        _directory.Dispose();
    }

    private void Recover(EngineCore core, EngineOptions options, Action<string> warn)
    {
        byte[]? catalogInForce = null;
        string? calendarInForce = null;
        var scratch = new List<EngineEvent>();
        int replayed = 0, index = 0;

        // Two stages on two threads: opening and parsing records (the seal, the JSON) runs ahead of
        // applying them, which must stay in order on this one.
        using var decoded = new BlockingCollection<(JournalRecord? Record, EngineCommand? Command)>(boundedCapacity: 8192);
        var records = _journal.ReadCommitted().ToList();
        var decoding = Task.Run(() =>
        {
            try
            {
                foreach (var bytes in records)
                {
                    var record = JournalRecord.TryDecode(_seal, bytes);
                    decoded.Add((record, record is { Kind: JournalRecordKind.Command } ? CommandPayload.Decode(record.Payload) : null));
                    if (record is null)
                    {
                        break;
                    }
                }
            }
            finally
            {
                decoded.CompleteAdding();
            }
        });

        foreach (var (decodedRecord, command) in decoded.GetConsumingEnumerable())
        {
            if (decodedRecord is not { } record)
            {
                // A torn or damaged record: recover to the last good one, never silently.
                _journal.DiscardFrom(index, $"journal record #{index + 1} is damaged or torn; recovered the {index} records before it");
                break;
            }

            index++;
            var payload = record.Payload;
            switch (record.Kind)
            {
                case JournalRecordKind.Catalog:
                    catalogInForce = payload;
                    core.PublishCatalog(CompiledCatalog.Compile(DispatchCatalog.FromJson(new MemoryStream(payload))));
                    break;
                case JournalRecordKind.Calendar:
                    calendarInForce = Encoding.UTF8.GetString(payload);
                    core.UseCalendar(EngineOptions.BuildCalendar(options.Profile, CalendarFromRecord(calendarInForce)));
                    break;
                default:
                    scratch.Clear();
                    core.Apply(command!, scratch);
                    replayed++;
                    if (scratch.Count != record.EventCount || (scratch.Count > 0 && scratch[0].Seq != record.FirstSeq))
                    {
                        warn($"data directory {_directory.Path}: replaying command #{replayed} gave {scratch.Count} events from seq {(scratch.Count > 0 ? scratch[0].Seq : 0)}, "
                            + $"the journal recorded {record.EventCount} from seq {record.FirstSeq}; the engine's rules changed since it was written");
                    }

                    break;
            }
        }

        decoding.GetAwaiter().GetResult();
        if (options.ReadOnly)
        {
            return;
        }

        // The catalog and calendar given now are in force from here on (spec §7.10: a different
        // --catalog is loaded as a new catalog version); journal them when they changed.
        var catalogNow = CommandPayload.CatalogJson(options.Catalog);
        if (catalogInForce is null || !catalogInForce.AsSpan().SequenceEqual(catalogNow))
        {
            _journal.Append(JournalRecord.Encode(_seal, JournalRecordKind.Catalog, 0, 0, catalogNow, ""));
            core.PublishCatalog(CompiledCatalog.Compile(options.Catalog));
        }

        string calendarNow = CalendarRecord(options.CalendarFile);
        if (!string.Equals(calendarInForce ?? CalendarRecord(null), calendarNow, StringComparison.Ordinal))
        {
            _journal.Append(JournalRecord.Encode(_seal, JournalRecordKind.Calendar, 0, 0, Encoding.UTF8.GetBytes(calendarNow), ""));
            core.UseCalendar(options.BuildCalendar());
        }

        _journal.CommitAsync().AsTask().GetAwaiter().GetResult();
        if (replayed > 0)
        {
            warn($"data directory {_directory.Path}: resumed {replayed} commands, {core.TicketCount} tickets, clock at "
                + (core.Clock is { } clock ? InstantText.Format(clock, core.Calendar.Zone) : "(not started)"));
        }
    }

    private static string CalendarRecord(CalendarFile? file) => file is null
        ? """{"builtIn":true}"""
        : JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = file.SourceName, ["text"] = file.SourceText });

    private static CalendarFile? CalendarFromRecord(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.TryGetProperty("name", out var name)
            ? CalendarFile.Parse(root.GetProperty("text").GetString()!, name.GetString()!)
            : null;
    }
}

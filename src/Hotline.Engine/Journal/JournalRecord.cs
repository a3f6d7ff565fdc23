using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hotline.Engine.Journal;

/// <summary>
/// One journal record: what the loop decided for one command — the command itself (sealed) and the
/// events it produced (seq of the first, their JSON lines). Layout, little-endian:
/// kind (1) | first seq (8) | event count (4) | events length (4) | events UTF-8 | sealed command.
/// The seal's tag authenticates everything before it in the record as well, so a damaged or torn
/// record is detected whichever byte it lost (FASTER 2.6.5 does not verify its own entry checksums
/// on scan).
/// </summary>
internal sealed class JournalRecord
{
    private const int Header = 1 + 8 + 4 + 4;

    private readonly byte[] _bytes;
    private readonly int _eventsLength;

    private JournalRecord(byte[] bytes, int eventsLength, byte[] payload)
    {
        _bytes = bytes;
        _eventsLength = eventsLength;
        Kind = (JournalRecordKind)bytes[0];
        FirstSeq = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(1));
        EventCount = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(9));
        Payload = payload;
    }

    public JournalRecordKind Kind { get; }

    public long FirstSeq { get; }

    public int EventCount { get; }

    /// <summary>The command (or catalog, or calendar), opened.</summary>
    public byte[] Payload { get; }

    /// <summary>The events' JSON lines, each ending in a newline (decoded when asked: recovery does not need them).</summary>
    public string Events => Encoding.UTF8.GetString(_bytes.AsSpan(Header, _eventsLength));

    public static byte[] Encode(PayloadSeal seal, JournalRecordKind kind, long firstSeq, int eventCount, ReadOnlySpan<byte> payload, string events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(seal, kind, firstSeq, eventCount, payload, Encoding.UTF8.GetBytes(events), buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a record into <paramref name="output"/> without allocating (the journal reuses the buffer).</summary>
    public static void Encode(PayloadSeal seal, JournalRecordKind kind, long firstSeq, int eventCount, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> events, ArrayBufferWriter<byte> output)
    {
        int length = Header + events.Length + PayloadSeal.Overhead + payload.Length;
        var bytes = output.GetSpan(length)[..length];
        bytes[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], firstSeq);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[9..], eventCount);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[13..], events.Length);
        events.CopyTo(bytes[Header..]);
        int authenticated = Header + events.Length;
        seal.Seal(payload, bytes[..authenticated], bytes[authenticated..]);
        output.Advance(length);
    }

    /// <summary>Opens a record, or returns null when it is damaged or torn (its seal does not verify).</summary>
    public static JournalRecord? TryDecode(PayloadSeal seal, byte[] bytes)
    {
        if (bytes.Length < Header || !Enum.IsDefined((JournalRecordKind)bytes[0]))
        {
            return null;
        }

        int eventsLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(13));
        int authenticated = Header + eventsLength;
        if (eventsLength < 0 || authenticated + PayloadSeal.Overhead > bytes.Length)
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = seal.Open(bytes.AsSpan(authenticated), bytes.AsSpan(0, authenticated));
        }
        catch (CryptographicException)
        {
            return null;
        }

        return new JournalRecord(bytes, eventsLength, payload);
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hotline.Engine.Journal;

/// <summary>
/// One journal record: what the loop decided for one command — the command itself (sealed) and the
/// events it produced (seq of the first, their JSON lines). Layout, little-endian:
/// kind (1) | first seq (8) | event count (4) | sealed length (4) | sealed command | events UTF-8.
/// The seal's tag authenticates everything else in the record, so a damaged or torn record is
/// detected whichever byte it lost (FASTER 2.6.5 does not verify its own entry checksums on scan).
/// </summary>
internal sealed class JournalRecord
{
    private const int Header = 1 + 8 + 4 + 4;

    private JournalRecord(JournalRecordKind kind, long firstSeq, int eventCount, byte[] payload, string events)
    {
        Kind = kind;
        FirstSeq = firstSeq;
        EventCount = eventCount;
        Payload = payload;
        Events = events;
    }

    public JournalRecordKind Kind { get; }

    public long FirstSeq { get; }

    public int EventCount { get; }

    /// <summary>The command (or catalog, or calendar), opened.</summary>
    public byte[] Payload { get; }

    /// <summary>The events' JSON lines, each ending in a newline.</summary>
    public string Events { get; }

    public static byte[] Encode(PayloadSeal seal, JournalRecordKind kind, long firstSeq, int eventCount, ReadOnlySpan<byte> payload, string events)
    {
        int eventsLength = Encoding.UTF8.GetByteCount(events);
        int sealedLength = PayloadSeal.Overhead + payload.Length;
        var bytes = new byte[Header + sealedLength + eventsLength];
        bytes[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), firstSeq);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(9), eventCount);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(13), sealedLength);
        Encoding.UTF8.GetBytes(events, bytes.AsSpan(Header + sealedLength));
        var sealedBytes = seal.Seal(payload, Associated(bytes, sealedLength));
        sealedBytes.CopyTo(bytes.AsSpan(Header));
        return bytes;
    }

    /// <summary>Opens a record, or returns null when it is damaged or torn (its seal does not verify).</summary>
    public static JournalRecord? TryDecode(PayloadSeal seal, byte[] bytes)
    {
        if (bytes.Length < Header || !Enum.IsDefined((JournalRecordKind)bytes[0]))
        {
            return null;
        }

        int sealedLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(13));
        if (sealedLength < PayloadSeal.Overhead || Header + sealedLength > bytes.Length)
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = seal.Open(bytes.AsSpan(Header, sealedLength), Associated(bytes, sealedLength));
        }
        catch (CryptographicException)
        {
            return null;
        }

        return new JournalRecord(
            (JournalRecordKind)bytes[0],
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(1)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(9)),
            payload,
            Encoding.UTF8.GetString(bytes.AsSpan(Header + sealedLength)));
    }

    /// <summary>What the seal authenticates besides the payload: the header and the events.</summary>
    private static byte[] Associated(byte[] record, int sealedLength)
    {
        var associated = new byte[Header + (record.Length - Header - sealedLength)];
        record.AsSpan(0, Header).CopyTo(associated);
        record.AsSpan(Header + sealedLength).CopyTo(associated.AsSpan(Header));
        return associated;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Hotline.Engine.Journal;

/// <summary>
/// One journal record: what the loop decided for one command — the command itself (sealed) and the
/// events it produced (seq of the first, their JSON lines). Layout, little-endian:
/// kind (1) | first seq (8) | event count (4) | sealed length (4) | sealed command | events UTF-8.
/// </summary>
internal readonly record struct JournalRecord(JournalRecordKind Kind, long FirstSeq, int EventCount, byte[] Sealed, string Events)
{
    private const int Header = 1 + 8 + 4 + 4;

    public byte[] Encode()
    {
        int eventsLength = Encoding.UTF8.GetByteCount(Events);
        var bytes = new byte[Header + Sealed.Length + eventsLength];
        bytes[0] = (byte)Kind;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), FirstSeq);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(9), EventCount);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(13), Sealed.Length);
        Sealed.CopyTo(bytes.AsSpan(Header));
        Encoding.UTF8.GetBytes(Events, bytes.AsSpan(Header + Sealed.Length));
        return bytes;
    }

    /// <exception cref="JournalException">The record is not one this engine wrote.</exception>
    public static JournalRecord Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Header || !Enum.IsDefined((JournalRecordKind)bytes[0]))
        {
            throw new JournalException("a journal record has an unknown layout; was the directory written by a newer engine?");
        }

        int sealedLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[13..]);
        if (sealedLength < 0 || Header + sealedLength > bytes.Length)
        {
            throw new JournalException("a journal record is truncated");
        }

        return new JournalRecord(
            (JournalRecordKind)bytes[0],
            BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[9..]),
            bytes.Slice(Header, sealedLength).ToArray(),
            Encoding.UTF8.GetString(bytes[(Header + sealedLength)..]));
    }
}

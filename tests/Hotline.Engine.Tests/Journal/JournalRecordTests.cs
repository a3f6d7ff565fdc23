using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotline.Engine.Journal;

namespace Hotline.Engine.Tests.Journal;

public sealed class JournalRecordTests : IDisposable
{
    private readonly PayloadSeal _seal = new(RandomNumberGenerator.GetBytes(32));

    public void Dispose() => _seal.Dispose();

    private byte[] Sample() => JournalRecord.Encode(
        _seal, JournalRecordKind.Command, 42, 2, Encoding.UTF8.GetBytes("""{"raw":"{\"op\":\"receive\",\"caller\":{\"phone\":\"13800000000\"}}","line":1}"""),
        "{\"seq\":42}\n{\"seq\":43}\n");

    [Fact]
    public void EncodeDecode_RoundTrips()
    {
        var record = JournalRecord.TryDecode(_seal, Sample());
        Assert.NotNull(record);
        Assert.Equal(JournalRecordKind.Command, record.Kind);
        Assert.Equal(42, record.FirstSeq);
        Assert.Equal(2, record.EventCount);
        Assert.Equal("{\"seq\":42}\n{\"seq\":43}\n", record.Events);
        Assert.Contains("13800000000", Encoding.UTF8.GetString(record.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_NeverWritesCallerDataInClear()
    {
        Assert.DoesNotContain("13800000000", Encoding.UTF8.GetString(Sample()), StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property AnyFlippedByte_IsDetected()
    {
        var bytes = Sample();
        return Prop.ForAll(Gen.Choose(0, bytes.Length - 1).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (at, mask) =>
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= (byte)mask;
            return JournalRecord.TryDecode(_seal, damaged) is null;
        });
    }

    [Property(MaxTest = 100)]
    public Property AnyTruncation_IsDetected()
    {
        var bytes = Sample();
        return Prop.ForAll(Gen.Choose(0, bytes.Length - 1).ToArbitrary(), length =>
            JournalRecord.TryDecode(_seal, bytes[..length]) is null);
    }

    [Fact]
    public void AnotherKey_CannotOpen()
    {
        using var other = new PayloadSeal(RandomNumberGenerator.GetBytes(32));
        Assert.Null(JournalRecord.TryDecode(other, Sample()));
    }
}

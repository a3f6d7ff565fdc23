using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Hotline.Engine.Journal;

/// <summary>
/// Encrypts journal payloads at rest with AES-256-GCM, so caller names and phone numbers never lie
/// in the data directory in clear (Changsha 2020 art. 15; Linyi 2016 art. 25; Xiangfen 2022 art. 19).
/// A sealed payload is nonce (12 bytes: 4 random per process, 8 counting) | tag (16) | ciphertext;
/// the tag also authenticates the rest of the record, so it is the record's checksum as well.
/// </summary>
/// <remarks>Owned by the partition's single writer (the nonce counter is not shared).</remarks>
internal sealed class PayloadSeal : IDisposable
{
    /// <summary>Bytes a seal adds to its payload.</summary>
    public const int Overhead = NonceSize + TagSize;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly AesGcm _aes;
    private readonly uint _prefix = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private ulong _counter;

    public PayloadSeal(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The journal key must be 32 bytes (AES-256).", nameof(key));
        }

        _aes = new AesGcm(key, TagSize);
    }

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="output"/> (exactly <see cref="Overhead"/> + its length), allocating nothing.</summary>
    public void Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated, Span<byte> output)
    {
        var nonce = output[..NonceSize];
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, _prefix);
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], ++_counter);
        _aes.Encrypt(nonce, plaintext, output.Slice(NonceSize + TagSize, plaintext.Length), output.Slice(NonceSize, TagSize), associated);
    }

    /// <exception cref="CryptographicException">The payload was not sealed with this key, or was altered.</exception>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associated = default)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed payload is too short.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        _aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, associated);
        return plaintext;
    }

    public void Dispose() => _aes.Dispose();
}

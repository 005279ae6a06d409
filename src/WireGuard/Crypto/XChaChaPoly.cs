using NSec.Cryptography;
using NKey = NSec.Cryptography.Key;

namespace WireGuard.Crypto;

/// <summary>XChaCha20-Poly1305 (24-byte nonce) through NSec/libsodium; used only for cookie replies.</summary>
public static class XChaChaPoly
{
    /// <summary>Nonce size.</summary>
    public const int NonceSize = 24;

    private static readonly AeadAlgorithm Alg = AeadAlgorithm.XChaCha20Poly1305;

    /// <summary>Encrypts into <paramref name="destination"/> (plaintext length + 16).</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> ad, Span<byte> destination)
    {
        using var k = NKey.Import(Alg, key, KeyBlobFormat.RawSymmetricKey);
        Alg.Encrypt(k, nonce, ad, plaintext, destination[..(plaintext.Length + Alg.TagSize)]);
    }

    /// <summary>Decrypts; false when the tag does not verify.</summary>
    public static bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> ad, Span<byte> destination)
    {
        if (ciphertext.Length < Alg.TagSize)
        {
            return false;
        }

        using var k = NKey.Import(Alg, key, KeyBlobFormat.RawSymmetricKey);
        return Alg.Decrypt(k, nonce, ad, ciphertext, destination[..(ciphertext.Length - Alg.TagSize)]);
    }
}

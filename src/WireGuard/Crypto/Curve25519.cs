using System.Security.Cryptography;
using NSec.Cryptography;
using NKey = NSec.Cryptography.Key;

namespace WireGuard.Crypto;

/// <summary>X25519 (RFC 7748) through NSec/libsodium: key generation, public key derivation, DH that rejects an all-zero result.</summary>
public static class Curve25519
{
    private static readonly KeyAgreementAlgorithm X25519 = KeyAgreementAlgorithm.X25519;

    /// <summary>Fills <paramref name="privateKey"/> with a fresh clamped private key.</summary>
    public static void GeneratePrivateKey(Span<byte> privateKey)
    {
        RandomNumberGenerator.Fill(privateKey[..32]);
        Clamp(privateKey);
    }

    /// <summary>Applies the X25519 clamping to a private key in place.</summary>
    public static void Clamp(Span<byte> privateKey)
    {
        privateKey[0] &= 248;
        privateKey[31] = (byte)((privateKey[31] & 127) | 64);
    }

    /// <summary>Derives the public key of <paramref name="privateKey"/>.</summary>
    public static void PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        using var k = NKey.Import(X25519, privateKey, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        k.PublicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(publicKey);
    }

    /// <summary>DH(private, public) into <paramref name="shared"/>; false when the result is all zero (a low-order point).</summary>
    public static bool TrySharedSecret(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, Span<byte> shared)
    {
        using var k = NKey.Import(X25519, privateKey, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        if (!NSec.Cryptography.PublicKey.TryImport(X25519, publicKey, KeyBlobFormat.RawPublicKey, out var pub) || pub is null)
        {
            return false;
        }

        using var s = X25519.Agree(k, pub, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        if (s is null)
        {
            return false;
        }

        var raw = s.Export(SharedSecretBlobFormat.RawSharedSecret);
        raw.CopyTo(shared);
        var zero = !raw.AsSpan().ContainsAnyExcept((byte)0);
        CryptographicOperations.ZeroMemory(raw);
        return !zero;
    }
}

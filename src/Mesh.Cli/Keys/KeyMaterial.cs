using System.Security.Cryptography;
using NSec.Cryptography;

namespace Mesh.Cli.Keys;

/// <summary>WireGuard key pairs (X25519) in standard base64, interoperable with <c>wg genkey</c> / <c>wg pubkey</c>.</summary>
public static class KeyMaterial
{
    /// <summary>A new random private key, clamped as Curve25519 requires, in base64.</summary>
    public static string GeneratePrivateKey()
    {
        Span<byte> key = stackalloc byte[32];
        RandomNumberGenerator.Fill(key);
        key[0] &= 248;
        key[31] &= 127;
        key[31] |= 64;
        var text = Convert.ToBase64String(key);
        CryptographicOperations.ZeroMemory(key);
        return text;
    }

    /// <summary>Derives the base64 public key from a base64 private key; false (with a reason that never echoes the key) when malformed.</summary>
    public static bool TryDerivePublicKey(string privateKeyBase64, out string publicKey, out string error)
    {
        ArgumentNullException.ThrowIfNull(privateKeyBase64);
        publicKey = string.Empty;
        Span<byte> raw = stackalloc byte[33];
        var trimmed = privateKeyBase64.Trim();
        if (trimmed.Length != 44 || !Convert.TryFromBase64String(trimmed, raw, out var written) || written != 32)
        {
            error = "the input is not a WireGuard private key (44 characters of base64 for 32 bytes)";
            CryptographicOperations.ZeroMemory(raw);
            return false;
        }

        try
        {
            using var key = Key.Import(KeyAgreementAlgorithm.X25519, raw[..32], KeyBlobFormat.RawPrivateKey);
            publicKey = Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            error = string.Empty;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }
}

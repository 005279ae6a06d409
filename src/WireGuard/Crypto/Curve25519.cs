using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace WireGuard.Crypto;

/// <summary>X25519 (RFC 7748) through libsodium (the copy NSec ships and initializes): key generation, public key derivation, DH that rejects an all-zero result.</summary>
public static partial class Curve25519
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
    public static unsafe void PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        EnsureInitialized();
        ArgumentOutOfRangeException.ThrowIfLessThan(privateKey.Length, 32, nameof(privateKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(publicKey.Length, 32, nameof(publicKey));
        fixed (byte* n = privateKey)
        fixed (byte* q = publicKey)
        {
            if (ScalarMultBase(q, n) != 0)
            {
                throw new CryptographicException("crypto_scalarmult_curve25519_base failed");
            }
        }
    }

    /// <summary>DH(private, public) into <paramref name="shared"/>; false when the result is all zero (a low-order point).</summary>
    /// <remarks>
    /// libsodium's <c>crypto_scalarmult_curve25519</c> straight on the caller's spans: no key import, no secure-memory
    /// allocation per DH (NSec's Key API cost about 2 ms of CPU per handshake here), and the same all-zero check.
    /// </remarks>
    public static unsafe bool TrySharedSecret(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, Span<byte> shared)
    {
        EnsureInitialized();
        ArgumentOutOfRangeException.ThrowIfLessThan(privateKey.Length, 32, nameof(privateKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(publicKey.Length, 32, nameof(publicKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(shared.Length, 32, nameof(shared));
        fixed (byte* n = privateKey)
        fixed (byte* p = publicKey)
        fixed (byte* q = shared)
        {
            if (ScalarMult(q, n, p) != 0)
            {
                CryptographicOperations.ZeroMemory(shared[..32]);
                return false; // libsodium returns -1 for an all-zero result
            }
        }

        return true;
    }

    /// <summary>NSec runs sodium_init in its static constructor; touching the algorithm makes sure it ran.</summary>
    private static void EnsureInitialized() => GC.KeepAlive(X25519);

    [LibraryImport("libsodium", EntryPoint = "crypto_scalarmult_curve25519")]
    private static unsafe partial int ScalarMult(byte* q, byte* n, byte* p);

    [LibraryImport("libsodium", EntryPoint = "crypto_scalarmult_curve25519_base")]
    private static unsafe partial int ScalarMultBase(byte* q, byte* n);
}

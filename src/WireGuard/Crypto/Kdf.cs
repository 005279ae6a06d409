using System.Security.Cryptography;

namespace WireGuard.Crypto;

/// <summary>HMAC-BLAKE2s and the Noise KDF1/KDF2/KDF3 built on it (WireGuard whitepaper §5.4).</summary>
public static class Kdf
{
    private const int Size = Blake2s.HashSize;

    /// <summary>HMAC(key, input) with BLAKE2s-256 (block 64 bytes); keys longer than a block are hashed first.</summary>
    public static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> k = stackalloc byte[Blake2s.BlockSize];
        k.Clear();
        if (key.Length > Blake2s.BlockSize)
        {
            Blake2s.Hash(key, k);
        }
        else
        {
            key.CopyTo(k);
        }

        Span<byte> pad = stackalloc byte[Blake2s.BlockSize];
        Span<byte> inner = stackalloc byte[Size];
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] = (byte)(k[i] ^ 0x36);
        }

        var h = new Blake2s(Size);
        h.Update(pad);
        h.Update(input);
        h.Final(inner);
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] = (byte)(k[i] ^ 0x5c);
        }

        h = new Blake2s(Size);
        h.Update(pad);
        h.Update(inner);
        h.Final(output);
        CryptographicOperations.ZeroMemory(k);
        CryptographicOperations.ZeroMemory(pad);
        CryptographicOperations.ZeroMemory(inner);
    }

    /// <summary>KDF1: t0 = HMAC(HMAC(key, input), 0x1).</summary>
    public static void Kdf1(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> t0) =>
        Derive(key, input, t0, default, default);

    /// <summary>KDF2: t0 and t1 = HMAC(prk, t0 ‖ 0x2).</summary>
    public static void Kdf2(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> t0, Span<byte> t1) =>
        Derive(key, input, t0, t1, default);

    /// <summary>KDF3: t0, t1 and t2 = HMAC(prk, t1 ‖ 0x3).</summary>
    public static void Kdf3(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> t0, Span<byte> t1, Span<byte> t2) =>
        Derive(key, input, t0, t1, t2);

    // Outputs may alias the key (chaining key updated in place): the PRK is computed into a local first.
    private static void Derive(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> t0, Span<byte> t1, Span<byte> t2)
    {
        Span<byte> prk = stackalloc byte[Size];
        Span<byte> prev = stackalloc byte[Size + 1];
        Span<byte> cur = stackalloc byte[Size];
        Hmac(key, input, prk);
        prev[0] = 1;
        Hmac(prk, prev[..1], cur);
        cur.CopyTo(t0);
        if (!t1.IsEmpty)
        {
            cur.CopyTo(prev);
            prev[Size] = 2;
            Hmac(prk, prev, cur);
            cur.CopyTo(t1);
            if (!t2.IsEmpty)
            {
                cur.CopyTo(prev);
                prev[Size] = 3;
                Hmac(prk, prev, cur);
                cur.CopyTo(t2);
            }
        }

        CryptographicOperations.ZeroMemory(prk);
        CryptographicOperations.ZeroMemory(prev);
        CryptographicOperations.ZeroMemory(cur);
    }
}

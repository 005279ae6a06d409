using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace WireGuard.Crypto;

/// <summary>
/// BLAKE2s (RFC 7693), written by hand: unkeyed 256-bit HASH and keyed MAC with any output length 1..32.
/// An incremental state is a mutable struct; keep it on the stack and pass it by reference.
/// </summary>
public struct Blake2s
{
    /// <summary>Block size in bytes.</summary>
    public const int BlockSize = 64;

    /// <summary>Full digest size in bytes.</summary>
    public const int HashSize = 32;

    private static ReadOnlySpan<uint> IV =>
    [
        0x6A09E667u, 0xBB67AE85u, 0x3C6EF372u, 0xA54FF53Au, 0x510E527Fu, 0x9B05688Cu, 0x1F83D9ABu, 0x5BE0CD19u,
    ];

    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    private H8 _h;
    private B64 _buf;
    private ulong _t;
    private int _bufLen;
    private int _outLen;

    [InlineArray(8)]
    private struct H8
    {
        private uint _e;
    }

    [InlineArray(64)]
    private struct B64
    {
        private byte _e;
    }

    /// <summary>Starts a hash of <paramref name="outLen"/> bytes, keyed when <paramref name="key"/> is not empty (≤ 32 bytes).</summary>
    public Blake2s(int outLen, ReadOnlySpan<byte> key = default)
    {
        if (outLen is < 1 or > HashSize)
        {
            throw new ArgumentOutOfRangeException(nameof(outLen), "BLAKE2s output is 1..32 bytes");
        }

        if (key.Length > HashSize)
        {
            throw new ArgumentException("a BLAKE2s key is at most 32 bytes", nameof(key));
        }

        IV.CopyTo(_h);
        _h[0] ^= 0x01010000u ^ ((uint)key.Length << 8) ^ (uint)outLen;
        _outLen = outLen;
        if (!key.IsEmpty)
        {
            Span<byte> block = _buf;
            block.Clear();
            key.CopyTo(block);
            _bufLen = BlockSize;
        }
    }

    /// <summary>Absorbs input.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_bufLen == BlockSize)
            {
                // Only compress a full buffer when more input follows: the last block is compressed with the final flag.
                _t += BlockSize;
                Compress(ref this, _buf, false);
                _bufLen = 0;
            }

            var n = Math.Min(BlockSize - _bufLen, data.Length);
            data[..n].CopyTo(((Span<byte>)_buf)[_bufLen..]);
            _bufLen += n;
            data = data[n..];
        }
    }

    /// <summary>Finishes and writes the digest (its configured length) to <paramref name="output"/>.</summary>
    public void Final(Span<byte> output)
    {
        _t += (ulong)_bufLen;
        ((Span<byte>)_buf)[_bufLen..].Clear();
        Compress(ref this, _buf, true);
        Span<byte> full = stackalloc byte[HashSize];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(full[(4 * i)..], _h[i]);
        }

        full[.._outLen].CopyTo(output);
        CryptographicZero();
    }

    /// <summary>HASH(input): unkeyed BLAKE2s-256.</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var s = new Blake2s(HashSize);
        s.Update(input);
        s.Final(output);
    }

    /// <summary>HASH(a ‖ b).</summary>
    public static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        var s = new Blake2s(HashSize);
        s.Update(a);
        s.Update(b);
        s.Final(output);
    }

    /// <summary>MAC(key, input): keyed BLAKE2s with a 16-byte output (mac1, mac2, cookie).</summary>
    public static void Mac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var s = new Blake2s(16, key);
        s.Update(input);
        s.Final(output);
    }

    private void CryptographicZero()
    {
        ((Span<byte>)_buf).Clear();
        ((Span<uint>)_h).Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(Span<uint> v, int a, int b, int c, int d, uint x, uint y)
    {
        v[a] = v[a] + v[b] + x;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 12);
        v[a] = v[a] + v[b] + y;
        v[d] = BitOperations.RotateRight(v[d] ^ v[a], 8);
        v[c] = v[c] + v[d];
        v[b] = BitOperations.RotateRight(v[b] ^ v[c], 7);
    }

    private static void Compress(ref Blake2s s, ReadOnlySpan<byte> block, bool last)
    {
        Span<uint> m = stackalloc uint[16];
        Span<uint> v = stackalloc uint[16];
        for (var i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
        }

        ((ReadOnlySpan<uint>)s._h).CopyTo(v);
        IV.CopyTo(v[8..]);
        v[12] ^= (uint)s._t;
        v[13] ^= (uint)(s._t >> 32);
        if (last)
        {
            v[14] = ~v[14];
        }

        var sigma = Sigma;
        for (var r = 0; r < 10; r++)
        {
            var p = sigma.Slice(16 * r, 16);
            G(v, 0, 4, 8, 12, m[p[0]], m[p[1]]);
            G(v, 1, 5, 9, 13, m[p[2]], m[p[3]]);
            G(v, 2, 6, 10, 14, m[p[4]], m[p[5]]);
            G(v, 3, 7, 11, 15, m[p[6]], m[p[7]]);
            G(v, 0, 5, 10, 15, m[p[8]], m[p[9]]);
            G(v, 1, 6, 11, 12, m[p[10]], m[p[11]]);
            G(v, 2, 7, 8, 13, m[p[12]], m[p[13]]);
            G(v, 3, 4, 9, 14, m[p[14]], m[p[15]]);
        }

        for (var i = 0; i < 8; i++)
        {
            s._h[i] ^= v[i] ^ v[i + 8];
        }
    }
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace WireGuard.Tun;

/// <summary>The Internet checksum (RFC 1071) and the TCP/UDP pseudo-header sums, over spans.</summary>
public static class Checksum
{
    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words to <paramref name="sum"/> (not folded).</summary>
    public static ulong Add(ReadOnlySpan<byte> data, ulong sum = 0)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var w in words)
        {
            // native-endian 64-bit adds with end-around carry; byte order is fixed up in Fold
            var s = sum + w;
            sum = s + (s < w ? 1UL : 0UL);
        }

        var rest = data[(words.Length * 8)..];
        ulong tail = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            tail |= (ulong)rest[i] << (8 * i);
        }

        var t = sum + tail;
        return t + (t < tail ? 1UL : 0UL);
    }

    /// <summary>Folds a sum from <see cref="Add"/> to 16 bits in network order (not complemented).</summary>
    public static ushort Fold(ulong sum)
    {
        sum = (sum & 0xffffffff) + (sum >> 32);
        sum = (sum & 0xffffffff) + (sum >> 32);
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        var v = (ushort)sum;
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    /// <summary>The complemented checksum of <paramref name="data"/> plus an initial sum, ready to store big-endian.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data, ulong initial = 0) => (ushort)~Fold(Add(data, initial));

    /// <summary>Pseudo-header sum (not folded) for TCP/UDP over IPv4 or IPv6: addresses, protocol and L4 length.</summary>
    public static ulong PseudoHeader(ReadOnlySpan<byte> src, ReadOnlySpan<byte> dst, byte protocol, int l4Length)
    {
        var sum = Add(dst, Add(src));
        Span<byte> tail = stackalloc byte[8];
        tail.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(tail, (uint)l4Length);
        tail[7] = protocol;
        return Add(tail, sum);
    }
}

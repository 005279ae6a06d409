using System.Buffers.Binary;
using WireGuard.Tun;

namespace WireGuard.Device;

/// <summary>
/// Builds the ICMP errors a router sends when a packet does not fit the next hop: IPv4 "fragmentation needed and
/// DF set" (type 3 code 4, RFC 792 with the next-hop MTU of RFC 1191) and ICMPv6 "Packet Too Big" (type 2, RFC 4443).
/// The error goes from the original destination back to the original source and quotes the start of the original
/// packet (IPv4: as much as fits in 576 bytes, RFC 1812 4.3.2.3; IPv6: as much as fits in 1280 bytes, RFC 4443 2.4).
/// No allocation: the caller passes the destination span.
/// </summary>
public static class IcmpTooBig
{
    /// <summary>Largest IPv4 ICMP error (RFC 1812).</summary>
    public const int MaxV4 = 576;

    /// <summary>Largest ICMPv6 error (the IPv6 minimum MTU, RFC 4443).</summary>
    public const int MaxV6 = 1280;

    /// <summary>Room a caller must offer in the destination span.</summary>
    public const int MaxSize = MaxV6;

    private const int V4Header = 20;
    private const int V6Header = 40;
    private const int IcmpHeader = 8;

    /// <summary>
    /// Writes the ICMP error for <paramref name="original"/> (an IPv4 or IPv6 packet) reporting <paramref name="mtu"/>
    /// and returns its length, or 0 when no error may be sent for it (RFC 1122 3.2.2 / RFC 4443 2.4(e): the packet is
    /// itself an ICMP error, a non-first fragment, from an unspecified/multicast/loopback source or to a multicast
    /// destination, or too short to be an IP packet).
    /// </summary>
    public static int Build(ReadOnlySpan<byte> original, int mtu, Span<byte> dest)
    {
        if (original.Length >= V4Header && original[0] >> 4 == 4)
        {
            return BuildV4(original, mtu, dest);
        }

        if (original.Length >= V6Header && original[0] >> 4 == 6)
        {
            return BuildV6(original, mtu, dest);
        }

        return 0;
    }

    private static int BuildV4(ReadOnlySpan<byte> original, int mtu, Span<byte> dest)
    {
        var ihl = (original[0] & 0x0f) * 4;
        if (ihl < V4Header || original.Length < ihl)
        {
            return 0;
        }

        var fragOffset = BinaryPrimitives.ReadUInt16BigEndian(original[6..]) & 0x1fff;
        var src = original.Slice(12, 4);
        var dst = original.Slice(16, 4);
        if (fragOffset != 0 || src[0] == 0 || src[0] == 127 || src[0] >= 224 || dst[0] >= 224 || dst.SequenceEqual(Broadcast))
        {
            return 0;
        }

        if (original[9] == 1 && original.Length >= ihl + 1 && IsIcmpV4Error(original[ihl]))
        {
            return 0;
        }

        var quote = Math.Min(original.Length, MaxV4 - V4Header - IcmpHeader);
        var total = V4Header + IcmpHeader + quote;
        if (dest.Length < total)
        {
            throw new ArgumentException($"the destination needs {total} bytes", nameof(dest));
        }

        var ip = dest[..V4Header];
        ip.Clear();
        ip[0] = 0x45;
        ip[1] = 0xc0; // DSCP CS6 (network control), as Linux sends ICMP errors
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)total);
        ip[8] = 64;
        ip[9] = 1;
        dst.CopyTo(ip[12..]);
        src.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum.Compute(ip));

        var icmp = dest.Slice(V4Header, IcmpHeader + quote);
        icmp[..IcmpHeader].Clear();
        icmp[0] = 3;
        icmp[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], (ushort)Math.Clamp(mtu, 68, 0xffff));
        original[..quote].CopyTo(icmp[IcmpHeader..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum.Compute(icmp));
        return total;
    }

    private static int BuildV6(ReadOnlySpan<byte> original, int mtu, Span<byte> dest)
    {
        var src = original.Slice(8, 16);
        var dst = original.Slice(24, 16);
        if (src[0] == 0xff || dst[0] == 0xff || IsUnspecifiedOrLoopback(src))
        {
            return 0;
        }

        if (original[6] == 58 && original.Length > V6Header && original[V6Header] < 128)
        {
            return 0; // an ICMPv6 error (no extension header in front of it: the common case)
        }

        var quote = Math.Min(original.Length, MaxV6 - V6Header - IcmpHeader);
        var total = V6Header + IcmpHeader + quote;
        if (dest.Length < total)
        {
            throw new ArgumentException($"the destination needs {total} bytes", nameof(dest));
        }

        var ip = dest[..V6Header];
        ip.Clear();
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(IcmpHeader + quote));
        ip[6] = 58;
        ip[7] = 64;
        dst.CopyTo(ip[8..]);
        src.CopyTo(ip[24..]);

        var icmp = dest.Slice(V6Header, IcmpHeader + quote);
        icmp[..IcmpHeader].Clear();
        icmp[0] = 2;
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], (uint)Math.Max(mtu, MaxV6));
        original[..quote].CopyTo(icmp[IcmpHeader..]);
        var pseudo = Checksum.PseudoHeader(ip.Slice(8, 16), ip.Slice(24, 16), 58, icmp.Length);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum.Compute(icmp, pseudo));
        return total;
    }

    private static ReadOnlySpan<byte> Broadcast => [255, 255, 255, 255];

    private static bool IsIcmpV4Error(byte type) => type is 3 or 4 or 5 or 11 or 12;

    private static bool IsUnspecifiedOrLoopback(ReadOnlySpan<byte> a)
    {
        for (var i = 0; i < 15; i++)
        {
            if (a[i] != 0)
            {
                return false;
            }
        }

        return a[15] is 0 or 1;
    }
}

using System.Buffers.Binary;
using WireGuard.Conn;

namespace WireGuard.Linux;

/// <summary>Converts between <see cref="UdpEndpoint"/> and sockaddr_in / sockaddr_in6 (IPv4 as ::ffff:a.b.c.d on a dual-stack socket).</summary>
internal static unsafe class SockAddr
{
    public const int Size = 28;

    /// <summary>Writes the endpoint as the socket family expects; returns the sockaddr length.</summary>
    public static uint Write(byte* dst, UdpEndpoint ep, bool v6Socket)
    {
        var span = new Span<byte>(dst, Size);
        span.Clear();
        if (!v6Socket)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, Native.AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], ep.Port);
            ep.WriteAddress(span[4..]);
            return 16;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(span, Native.AF_INET6);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], ep.Port);
        if (ep.IsV6)
        {
            ep.WriteAddress(span[8..]);
        }
        else
        {
            span[18] = 0xff;
            span[19] = 0xff;
            ep.WriteAddress(span[20..]);
        }

        return Size;
    }

    /// <summary>Reads a sockaddr_in or sockaddr_in6; IPv4-mapped IPv6 becomes IPv4.</summary>
    public static UdpEndpoint Read(byte* src)
    {
        var span = new ReadOnlySpan<byte>(src, Size);
        var family = BinaryPrimitives.ReadUInt16LittleEndian(span);
        var port = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
        if (family == Native.AF_INET)
        {
            return new UdpEndpoint(span.Slice(4, 4), port);
        }

        var a = span.Slice(8, 16);
        return a[..10].IndexOfAnyExcept((byte)0) < 0 && a[10] == 0xff && a[11] == 0xff
            ? new UdpEndpoint(a[12..], port)
            : new UdpEndpoint(a, port);
    }
}

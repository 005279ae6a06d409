using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace WireGuard.Conn;

/// <summary>
/// An IPv4 or IPv6 UDP endpoint as a value (no allocation on the data path). IPv4 is stored as-is in the
/// first 4 bytes of the address storage with <see cref="IsV6"/> false.
/// </summary>
public readonly record struct UdpEndpoint
{
    private readonly UInt128 _addr;

    /// <summary>Creates an endpoint from raw address bytes (4 or 16) and a port.</summary>
    public UdpEndpoint(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length == 4)
        {
            _addr = BinaryPrimitives.ReadUInt32BigEndian(address);
            IsV6 = false;
        }
        else if (address.Length == 16)
        {
            _addr = BinaryPrimitives.ReadUInt128BigEndian(address);
            IsV6 = true;
        }
        else
        {
            throw new ArgumentException("address must be 4 or 16 bytes", nameof(address));
        }

        Port = port;
    }

    /// <summary>The UDP port.</summary>
    public ushort Port { get; }

    /// <summary>True for IPv6.</summary>
    public bool IsV6 { get; }

    /// <summary>Writes the address bytes (4 or 16) and returns the count.</summary>
    public int WriteAddress(Span<byte> dest)
    {
        if (IsV6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(dest, _addr);
            return 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(dest, (uint)_addr);
        return 4;
    }

    /// <summary>Converts from an <see cref="IPEndPoint"/> (IPv4-mapped IPv6 becomes IPv4).</summary>
    public static UdpEndpoint From(IPEndPoint ep)
    {
        ArgumentNullException.ThrowIfNull(ep);
        var a = ep.Address.IsIPv4MappedToIPv6 ? ep.Address.MapToIPv4() : ep.Address;
        Span<byte> b = stackalloc byte[16];
        a.TryWriteBytes(b, out var n);
        return new UdpEndpoint(b[..n], (ushort)ep.Port);
    }

    /// <summary>Converts to an <see cref="IPEndPoint"/> (allocates; not for the data path).</summary>
    public IPEndPoint ToIPEndPoint()
    {
        Span<byte> b = stackalloc byte[16];
        var n = WriteAddress(b);
        return new IPEndPoint(new IPAddress(b[..n]), Port);
    }

    /// <summary>The address family.</summary>
    public AddressFamily Family => IsV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    /// <summary>Parses `host:port` or `[v6]:port` with a literal address.</summary>
    public static bool TryParse(string? text, out UdpEndpoint ep)
    {
        ep = default;
        if (text is null || !IPEndPoint.TryParse(text, out var ip) || ip.Port == 0)
        {
            return false;
        }

        ep = From(ip);
        return true;
    }

    /// <summary>`a.b.c.d:port` or `[v6]:port`, as wg(8) prints it.</summary>
    public override string ToString() => ToIPEndPoint().ToString();
}

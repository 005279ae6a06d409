using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Netlink.Wire;

namespace Netlink.WireGuard;

/// <summary>struct sockaddr_in (16 bytes) / sockaddr_in6 (28 bytes) as WGPEER_A_ENDPOINT carries them.</summary>
public static class SockaddrCodec
{
    /// <summary>Encodes an endpoint: family (host order), port (network order), address, zero/flowinfo/scope.</summary>
    public static byte[] Encode(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        var b = new byte[v6 ? 28 : 16];
        MemoryMarshal.Write(b, (ushort)(v6 ? Rt.AfInet6 : Rt.AfInet));
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)endpoint.Port);
        if (v6)
        {
            endpoint.Address.TryWriteBytes(b.AsSpan(8, 16), out _);
            MemoryMarshal.Write(b.AsSpan(24), (uint)endpoint.Address.ScopeId);
        }
        else
        {
            endpoint.Address.TryWriteBytes(b.AsSpan(4, 4), out _);
        }

        return b;
    }

    /// <summary>Decodes an endpoint; null for an unset (AF_UNSPEC) or short one.</summary>
    public static IPEndPoint? Decode(ReadOnlySpan<byte> b)
    {
        if (b.Length < 16)
        {
            return null;
        }

        var family = MemoryMarshal.Read<ushort>(b);
        var port = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        if (family == Rt.AfInet)
        {
            return new IPEndPoint(new IPAddress(b.Slice(4, 4)), port);
        }

        if (family == Rt.AfInet6 && b.Length >= 28)
        {
            return new IPEndPoint(new IPAddress(b.Slice(8, 16), MemoryMarshal.Read<uint>(b[24..])), port);
        }

        return null;
    }
}

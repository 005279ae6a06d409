using System.Buffers.Binary;

namespace WireGuard.Tun;

/// <summary>
/// The 10-byte virtio_net_hdr the kernel puts before every packet on an IFF_VNET_HDR TUN (little-endian fields,
/// as on every Linux host this runs on).
/// </summary>
public readonly record struct VirtioNetHdr(byte Flags, byte GsoType, ushort HdrLen, ushort GsoSize, ushort CsumStart, ushort CsumOffset)
{
    /// <summary>Header length.</summary>
    public const int Size = 10;

    /// <summary>VIRTIO_NET_HDR_F_NEEDS_CSUM: the L4 checksum must be completed from CsumStart.</summary>
    public const byte NeedsCsum = 1;

    /// <summary>No segmentation.</summary>
    public const byte GsoNone = 0;

    /// <summary>TCP over IPv4 super-packet.</summary>
    public const byte GsoTcpV4 = 1;

    /// <summary>TCP over IPv6 super-packet.</summary>
    public const byte GsoTcpV6 = 4;

    /// <summary>UDP segmentation (USO), either IP version.</summary>
    public const byte GsoUdpL4 = 5;

    /// <summary>Parses the first 10 bytes.</summary>
    public static VirtioNetHdr Read(ReadOnlySpan<byte> b) => new(
        b[0],
        b[1],
        BinaryPrimitives.ReadUInt16LittleEndian(b[2..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[6..]),
        BinaryPrimitives.ReadUInt16LittleEndian(b[8..]));

    /// <summary>Writes the 10 bytes.</summary>
    public void Write(Span<byte> b)
    {
        b[0] = Flags;
        b[1] = GsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], HdrLen);
        BinaryPrimitives.WriteUInt16LittleEndian(b[4..], GsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(b[6..], CsumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(b[8..], CsumOffset);
    }
}

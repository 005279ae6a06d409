using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;

namespace Netlink.Wire;

/// <summary>One attribute (struct nlattr + payload) viewed in place; the payload excludes padding.</summary>
public readonly ref struct NetlinkAttribute
{
    /// <summary>Creates a view.</summary>
    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        RawType = rawType;
        Payload = payload;
    }

    /// <summary>Type with NLA_F_NESTED/NLA_F_NET_BYTEORDER bits.</summary>
    public ushort RawType { get; }

    /// <summary>Type without flag bits.</summary>
    public ushort Type => (ushort)(RawType & Nl.AttrTypeMask);

    /// <summary>True when NLA_F_NESTED is set.</summary>
    public bool IsNested => (RawType & Nl.AttrNested) != 0;

    /// <summary>The payload bytes.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>u8 payload.</summary>
    public byte U8() => Need(1)[0];

    /// <summary>u16 payload, host order.</summary>
    public ushort U16() => MemoryMarshal.Read<ushort>(Need(2));

    /// <summary>u16 payload, network order (ports).</summary>
    public ushort Be16() => BinaryPrimitives.ReadUInt16BigEndian(Need(2));

    /// <summary>u32 payload, host order.</summary>
    public uint U32() => MemoryMarshal.Read<uint>(Need(4));

    /// <summary>s32 payload, host order.</summary>
    public int S32() => MemoryMarshal.Read<int>(Need(4));

    /// <summary>u64 payload, host order.</summary>
    public ulong U64() => MemoryMarshal.Read<ulong>(Need(8));

    /// <summary>NUL-terminated (or unterminated) UTF-8 string payload.</summary>
    public string String()
    {
        var p = Payload;
        var nul = p.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? p[..nul] : p);
    }

    /// <summary>An IPv4 (4-byte) or IPv6 (16-byte) address payload.</summary>
    public IPAddress Address() => Payload.Length is 4 or 16
        ? new IPAddress(Payload)
        : throw new NetlinkException(Errno.EBADMSG, $"attribute {Type} holds {Payload.Length} bytes, expected an IPv4 or IPv6 address");

    /// <summary>A link-layer address payload.</summary>
    public PhysicalAddress Mac() => new(Payload.ToArray());

    /// <summary>Reads the payload as nested attributes.</summary>
    public AttributeReader Nested() => new(Payload);

    private ReadOnlySpan<byte> Need(int size) => Payload.Length >= size
        ? Payload
        : throw new NetlinkException(Errno.EBADMSG, $"attribute {Type} holds {Payload.Length} bytes, expected at least {size}");
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Model;

/// <summary>
/// A network's sort key read once (family with IPv4 first, address as a number, prefix length, original position), so
/// sorting thousands of VTEPs, routes or CIDRs neither re-reads addresses nor allocates per comparison. 24 bytes, so
/// the key array of a few thousand items stays off the large-object heap (whose allocations cost a full GC). Orders
/// like <see cref="NetworkOrder"/>, and the position tie-break makes <c>Array.Sort</c> stable.
/// </summary>
internal readonly struct NetworkSortKey : IComparable<NetworkSortKey>
{
    private readonly ulong _high;
    private readonly ulong _low;
    private readonly int _familyPrefix;

    private NetworkSortKey(int family, UInt128 address, int prefix, int index)
    {
        _high = (ulong)(address >> 64);
        _low = (ulong)address;
        _familyPrefix = (family << 8) | prefix;
        Index = index;
    }

    /// <summary>0 for IPv4, 1 for IPv6.</summary>
    public int Family => _familyPrefix >> 8;

    /// <summary>The item's position before sorting.</summary>
    public int Index { get; }

    /// <summary>The key of <paramref name="address"/>/<paramref name="prefix"/> at position <paramref name="index"/>.</summary>
    public static NetworkSortKey Of(IPAddress address, int prefix, int index) =>
        new(address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1, Number(address, out _), prefix, index);

    /// <summary>The address as a number (big-endian bytes, so numeric order is byte order within a family).</summary>
    public static UInt128 Number(IPAddress address, out int length)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out length);
        return length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    /// <inheritdoc/>
    public int CompareTo(NetworkSortKey other)
    {
        var c = Family.CompareTo(other.Family);
        if (c == 0)
        {
            c = _high.CompareTo(other._high);
        }

        if (c == 0)
        {
            c = _low.CompareTo(other._low);
        }

        if (c == 0)
        {
            c = (_familyPrefix & 0xFF).CompareTo(other._familyPrefix & 0xFF);
        }

        return c != 0 ? c : Index.CompareTo(other.Index);
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>
/// Sorting in <see cref="NetworkOrder"/>'s order (family, then address bytes, then prefix length; stable) without its
/// per-comparison cost: <see cref="NetworkOrder.CompareAddresses"/> copies both addresses into new arrays on every
/// comparison, which made sorting the VTEPs and routes of a 2,000-node mesh allocate megabytes. Here each item's key
/// is read once.
/// </summary>
internal static class PlanOrder
{
    /// <summary>Same result as <c>EquatableArray.Sorted(items, NetworkOrder.Addresses)</c>.</summary>
    public static EquatableArray<IPAddress> Addresses(IEnumerable<IPAddress> items)
    {
        var array = items.ToArray();
        var keys = new Key[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            keys[i] = Key.Of(array[i], 0, i);
        }

        Array.Sort(keys, array);
        return new(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }

    /// <summary>Same result as <c>EquatableArray.Sorted(items, NetworkOrder.Networks)</c>.</summary>
    public static EquatableArray<IPNetwork> Networks(IEnumerable<IPNetwork> items)
    {
        var array = items.ToArray();
        var keys = new Key[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            keys[i] = Key.Of(array[i].BaseAddress, array[i].PrefixLength, i);
        }

        Array.Sort(keys, array);
        return new(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }

    /// <summary>The address as a number (big-endian bytes, so numeric order is byte order within a family).</summary>
    public static UInt128 Number(IPAddress address, out int length)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out length);
        return length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    /// <summary>
    /// Family, address, prefix, then the original position (so the sort is stable like <c>Order</c>). 24 bytes, so
    /// the key array of a few thousand items stays off the large-object heap (whose allocations cost a full GC).
    /// </summary>
    private readonly struct Key : IComparable<Key>
    {
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly int _familyPrefix;
        private readonly int _index;

        private Key(int family, UInt128 address, int prefix, int index)
        {
            _high = (ulong)(address >> 64);
            _low = (ulong)address;
            _familyPrefix = (family << 8) | prefix;
            _index = index;
        }

        public static Key Of(IPAddress address, int prefix, int index) =>
            new((int)address.AddressFamily, Number(address, out _), prefix, index);

        public int CompareTo(Key other)
        {
            var c = (_familyPrefix >> 8).CompareTo(other._familyPrefix >> 8);
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

            return c != 0 ? c : _index.CompareTo(other._index);
        }
    }
}

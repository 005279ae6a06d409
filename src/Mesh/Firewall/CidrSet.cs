using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Firewall;

/// <summary>An inclusive address interval of one family (numbers are the address bits, big-endian).</summary>
/// <param name="Family">Address family.</param>
/// <param name="First">First address as a number.</param>
/// <param name="Last">Last address as a number.</param>
public readonly record struct AddressInterval(AddressFamily Family, UInt128 First, UInt128 Last);

/// <summary>Pure helpers over sets of networks: normalize for rules, merge into intervals for nftables.</summary>
public static class CidrSet
{
    /// <summary>
    /// Sorted (IPv4 first, then by address and prefix), duplicates and networks covered by another removed.
    /// </summary>
    public static FirewallList<IPNetwork> Normalize(IEnumerable<IPNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var keys = new List<NetKey>(networks is IReadOnlyCollection<IPNetwork> c ? c.Count : 8);
        foreach (var n in networks)
        {
            keys.Add(NetKey.Of(n));
        }

        keys.Sort();
        var kept = new List<IPNetwork>(keys.Count);
        NetKey last = default;
        foreach (var k in keys)
        {
            // sorted by family, first address, shorter prefix first; CIDRs nest or are disjoint, so a covering
            // network, if any, is the last kept one.
            if (kept.Count > 0 && last.Family == k.Family && k.Last <= last.Last)
            {
                continue;
            }

            kept.Add(k.Network);
            last = k;
        }

        return FirewallList.Own(kept);
    }

    /// <summary>A host network (/32 or /128) for an address.</summary>
    public static IPNetwork Host(IPAddress address) =>
        new(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);

    /// <summary>Orders IPv4 before IPv6, then by base address, then shorter prefix first.</summary>
    public static int Compare(IPNetwork a, IPNetwork b)
    {
        var fa = a.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 0 : 1;
        var fb = b.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 0 : 1;
        if (fa != fb)
        {
            return fa.CompareTo(fb);
        }

        var c = ToNumber(a.BaseAddress).CompareTo(ToNumber(b.BaseAddress));
        return c != 0 ? c : a.PrefixLength.CompareTo(b.PrefixLength);
    }

    /// <summary>True when <paramref name="outer"/> contains all of <paramref name="inner"/>.</summary>
    public static bool Covers(IPNetwork outer, IPNetwork inner) =>
        outer.BaseAddress.AddressFamily == inner.BaseAddress.AddressFamily
        && outer.PrefixLength <= inner.PrefixLength
        && outer.Contains(inner.BaseAddress);

    /// <summary>Merges overlapping and adjacent networks of one family into intervals (what nft prints).</summary>
    public static List<AddressInterval> Intervals(IEnumerable<IPNetwork> networks, AddressFamily family)
    {
        var items = new List<AddressInterval>();
        foreach (var n in networks)
        {
            if (n.BaseAddress.AddressFamily == family)
            {
                items.Add(ToInterval(n));
            }
        }

        items.Sort((x, y) => x.First.CompareTo(y.First));
        var merged = new List<AddressInterval>(items.Count);
        foreach (var i in items)
        {
            if (merged.Count > 0 && (merged[^1].Last == UInt128.MaxValue || i.First <= merged[^1].Last + 1))
            {
                var prev = merged[^1];
                merged[^1] = prev with { Last = i.Last > prev.Last ? i.Last : prev.Last };
            }
            else
            {
                merged.Add(i);
            }
        }

        return merged;
    }

    /// <summary>Formats an interval as nft prints it: an address, a prefix when aligned, else a range.</summary>
    public static string Format(AddressInterval i)
    {
        var bits = i.Family == AddressFamily.InterNetwork ? 32 : 128;
        if (i.First == i.Last)
        {
            return ToAddress(i.First, i.Family).ToString();
        }

        var size = i.Last - i.First + 1; // overflows to 0 only for the whole space
        if (size == 0 || (UInt128.IsPow2(size) && (i.First & (size - 1)) == 0))
        {
            var prefix = size == 0 ? 0 : bits - (int)UInt128.Log2(size);
            return $"{ToAddress(i.First, i.Family)}/{prefix}";
        }

        return $"{ToAddress(i.First, i.Family)}-{ToAddress(i.Last, i.Family)}";
    }

    private static AddressInterval ToInterval(IPNetwork n)
    {
        var bits = n.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var first = ToNumber(n.BaseAddress);
        var hostBits = bits - n.PrefixLength;
        var span = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new AddressInterval(n.BaseAddress.AddressFamily, first, first + span);
    }

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(b)
            : BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    private static IPAddress ToAddress(UInt128 value, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }

    /// <summary>A network with its numeric bounds, computed once so sorting does not re-read addresses.</summary>
    private readonly record struct NetKey(int Family, UInt128 First, UInt128 Last, int Prefix, IPNetwork Network) : IComparable<NetKey>
    {
        public static NetKey Of(IPNetwork n)
        {
            var i = ToInterval(n);
            return new NetKey(i.Family == AddressFamily.InterNetwork ? 0 : 1, i.First, i.Last, n.PrefixLength, n);
        }

        public int CompareTo(NetKey other)
        {
            var c = Family.CompareTo(other.Family);
            if (c == 0)
            {
                c = First.CompareTo(other.First);
            }

            return c != 0 ? c : Prefix.CompareTo(other.Prefix);
        }
    }
}

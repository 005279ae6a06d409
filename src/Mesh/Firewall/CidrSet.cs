using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

using Mesh.Model;

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
        var nets = networks.ToArray();
        var keys = new NetworkSortKey[nets.Length];
        for (var i = 0; i < nets.Length; i++)
        {
            keys[i] = NetworkSortKey.Of(nets[i].BaseAddress, nets[i].PrefixLength, i);
        }

        Array.Sort(keys);
        var kept = new List<IPNetwork>(keys.Length);
        var lastFamily = -1;
        var lastEnd = UInt128.Zero;
        foreach (var k in keys)
        {
            // sorted by family, first address, shorter prefix first; CIDRs nest or are disjoint, so a covering
            // network, if any, is the last kept one.
            var end = ToInterval(nets[k.Index]).Last;
            if (kept.Count > 0 && lastFamily == k.Family && end <= lastEnd)
            {
                continue;
            }

            kept.Add(nets[k.Index]);
            lastFamily = k.Family;
            lastEnd = end;
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
        var count = 0; // merged in place: items[0..count) are the merged intervals so far
        for (var k = 0; k < items.Count; k++)
        {
            var i = items[k];
            if (count > 0 && (items[count - 1].Last == UInt128.MaxValue || i.First <= items[count - 1].Last + 1))
            {
                var prev = items[count - 1];
                items[count - 1] = prev with { Last = i.Last > prev.Last ? i.Last : prev.Last };
            }
            else
            {
                items[count++] = i;
            }
        }

        items.RemoveRange(count, items.Count - count);
        return items;
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

    /// <summary>Appends <see cref="Format"/>'s text without building strings (IPv4 octets written directly).</summary>
    public static StringBuilder AppendFormat(StringBuilder sb, AddressInterval i)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (i.Family != AddressFamily.InterNetwork)
        {
            return sb.Append(Format(i));
        }

        AppendV4(sb, (uint)i.First);
        if (i.First == i.Last)
        {
            return sb;
        }

        var size = i.Last - i.First + 1;
        if (UInt128.IsPow2(size) && (i.First & (size - 1)) == 0)
        {
            return sb.Append('/').Append(32 - (int)UInt128.Log2(size));
        }

        return AppendV4(sb.Append('-'), (uint)i.Last);
    }

    private static StringBuilder AppendV4(StringBuilder sb, uint a) =>
        sb.Append(a >> 24).Append('.').Append((a >> 16) & 0xFF).Append('.').Append((a >> 8) & 0xFF).Append('.').Append(a & 0xFF);

    private static AddressInterval ToInterval(IPNetwork n)
    {
        var bits = n.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var first = ToNumber(n.BaseAddress);
        var hostBits = bits - n.PrefixLength;
        var span = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new AddressInterval(n.BaseAddress.AddressFamily, first, first + span);
    }

    public static UInt128 ToNumber(IPAddress address) => NetworkSortKey.Number(address, out _);

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
}

using System.Net;

namespace Mesh.Model;

/// <summary>Total orders for addresses and networks (by family, then bytes, then prefix length), used to sort plans.</summary>
public static class NetworkOrder
{
    /// <summary>Orders addresses numerically (IPv4 before IPv6).</summary>
    public static IComparer<IPAddress> Addresses { get; } = Comparer<IPAddress>.Create(CompareAddresses);

    /// <summary>Orders networks by base address, then prefix length.</summary>
    public static IComparer<IPNetwork> Networks { get; } = Comparer<IPNetwork>.Create(CompareNetworks);

    /// <summary>Orders subnets by network.</summary>
    public static IComparer<SubnetSpec> Subnets { get; } = Comparer<SubnetSpec>.Create((a, b) => CompareNetworks(a.Cidr, b.Cidr));

    /// <summary>Compares two addresses numerically.</summary>
    public static int CompareAddresses(IPAddress? a, IPAddress? b)
    {
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null);
        }

        var fa = a.AddressFamily.CompareTo(b.AddressFamily);
        if (fa != 0)
        {
            return fa;
        }

        // on the stack: sorting thousands of VTEPs must not allocate two arrays per comparison
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, out var nx);
        b.TryWriteBytes(y, out var ny);
        return x[..nx].SequenceCompareTo(y[..ny]);
    }

    /// <summary>Compares two networks.</summary>
    public static int CompareNetworks(IPNetwork a, IPNetwork b)
    {
        var c = CompareAddresses(a.BaseAddress, b.BaseAddress);
        return c != 0 ? c : a.PrefixLength.CompareTo(b.PrefixLength);
    }

    /// <summary>True when two networks share at least one address.</summary>
    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}

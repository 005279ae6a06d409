using System.Net;
using System.Net.Sockets;

namespace WireGuard.Routing;

/// <summary>
/// Crypto-key routing table: IPv4 and IPv6 prefixes mapped to a value (a peer), longest-prefix match.
/// Lock rule: one writer at a time (the caller serialises Insert/Remove); lookups are lock-free and safe to
/// run concurrently with a writer (new nodes are fully built before they are linked).
/// </summary>
/// <typeparam name="T">The value type (a peer).</typeparam>
public sealed class AllowedIps<T>
    where T : class
{
    private readonly Node _v4 = new();
    private readonly Node _v6 = new();

    /// <summary>Maps <paramref name="prefix"/> to <paramref name="value"/>, replacing any previous owner.</summary>
    public void Insert(IPNetwork prefix, T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> addr = stackalloc byte[16];
        var (root, _) = Prepare(prefix, addr);
        var node = root;
        for (var i = 0; i < prefix.PrefixLength; i++)
        {
            var bit = Bit(addr, i);
            var next = Volatile.Read(ref node.Children[bit]);
            if (next is null)
            {
                next = new Node();
                Volatile.Write(ref node.Children[bit], next);
            }

            node = next;
        }

        Volatile.Write(ref node.Value, value);
    }

    /// <summary>Removes <paramref name="prefix"/> when it maps to <paramref name="value"/>; true when removed.</summary>
    public bool Remove(IPNetwork prefix, T value)
    {
        Span<byte> addr = stackalloc byte[16];
        var (root, _) = Prepare(prefix, addr);
        var node = root;
        for (var i = 0; i < prefix.PrefixLength && node is not null; i++)
        {
            node = node.Children[Bit(addr, i)];
        }

        if (node is null || !ReferenceEquals(node.Value, value))
        {
            return false;
        }

        Volatile.Write(ref node.Value, null);
        return true;
    }

    /// <summary>The value of <paramref name="prefix"/> exactly (not longest match), or null.</summary>
    public T? GetExact(IPNetwork prefix)
    {
        Span<byte> addr = stackalloc byte[16];
        var (root, _) = Prepare(prefix, addr);
        var node = root;
        for (var i = 0; i < prefix.PrefixLength && node is not null; i++)
        {
            node = node.Children[Bit(addr, i)];
        }

        return node?.Value;
    }

    /// <summary>Longest-prefix lookup of a raw address (4 or 16 bytes); null when nothing covers it.</summary>
    public T? Lookup(ReadOnlySpan<byte> address)
    {
        var node = address.Length == 4 ? _v4 : address.Length == 16 ? _v6 : null;
        T? best = null;
        var bits = address.Length * 8;
        for (var i = 0; node is not null; i++)
        {
            var v = Volatile.Read(ref node.Value);
            if (v is not null)
            {
                best = v;
            }

            if (i == bits)
            {
                break;
            }

            node = Volatile.Read(ref node.Children[Bit(address, i)]);
        }

        return best;
    }

    /// <summary>Longest-prefix lookup of an <see cref="IPAddress"/>.</summary>
    public T? Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var n);
        return Lookup(b[..n]);
    }

    private (Node Root, int Bits) Prepare(IPNetwork prefix, Span<byte> addr)
    {
        var a = prefix.BaseAddress;
        if (!a.TryWriteBytes(addr, out var n) || (a.AddressFamily != AddressFamily.InterNetwork && a.AddressFamily != AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("allowed IPs are IPv4 or IPv6 prefixes", nameof(prefix));
        }

        return (n == 4 ? _v4 : _v6, n * 8);
    }

    private static int Bit(ReadOnlySpan<byte> addr, int i) => (addr[i >> 3] >> (7 - (i & 7))) & 1;

    private sealed class Node
    {
        public readonly Node?[] Children = new Node?[2];
        public T? Value;
    }
}

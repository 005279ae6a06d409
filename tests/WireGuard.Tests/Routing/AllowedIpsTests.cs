using System.Net;
using WireGuard.Routing;

namespace WireGuard.Tests.Routing;

public sealed class AllowedIpsTests
{
    private sealed record P(string Name);

    [Fact]
    public void Longest_prefix_wins_for_ipv4_and_ipv6()
    {
        var t = new AllowedIps<P>();
        P a = new("a"), b = new("b"), c = new("c"), d = new("d");
        t.Insert(IPNetwork.Parse("0.0.0.0/0"), a);
        t.Insert(IPNetwork.Parse("10.0.0.0/8"), b);
        t.Insert(IPNetwork.Parse("10.1.2.3/32"), c);
        t.Insert(IPNetwork.Parse("fd00::/8"), d);
        Assert.Same(c, t.Lookup(IPAddress.Parse("10.1.2.3")));
        Assert.Same(b, t.Lookup(IPAddress.Parse("10.1.2.4")));
        Assert.Same(a, t.Lookup(IPAddress.Parse("192.0.2.1")));
        Assert.Same(d, t.Lookup(IPAddress.Parse("fd12::1")));
        Assert.Null(t.Lookup(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Insert_replaces_owner_and_remove_only_removes_own_prefix()
    {
        var t = new AllowedIps<P>();
        P a = new("a"), b = new("b");
        var net = IPNetwork.Parse("198.51.100.0/24");
        t.Insert(net, a);
        t.Insert(net, b);
        Assert.Same(b, t.GetExact(net));
        Assert.False(t.Remove(net, a));
        Assert.True(t.Remove(net, b));
        Assert.Null(t.Lookup(IPAddress.Parse("198.51.100.9")));
    }

    [Fact]
    public void Matches_a_linear_scan_on_random_prefixes()
    {
        var rnd = new Random(11);
        var t = new AllowedIps<P>();
        var list = new List<(IPNetwork Net, P Value)>();
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[4];
            rnd.NextBytes(bytes);
            var len = rnd.Next(0, 33);
            var net = new IPNetwork(Mask(new IPAddress(bytes), len), len);
            var v = new P($"p{i}");
            t.Insert(net, v);
            list.RemoveAll(e => e.Net.Equals(net));
            list.Add((net, v));
        }

        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[4];
            rnd.NextBytes(bytes);
            var ip = new IPAddress(bytes);
            var expected = list.Where(e => e.Net.Contains(ip)).OrderByDescending(e => e.Net.PrefixLength).Select(e => e.Value).FirstOrDefault();
            Assert.Same(expected, t.Lookup(ip));
        }
    }

    private static IPAddress Mask(IPAddress ip, int len)
    {
        var b = ip.GetAddressBytes();
        for (var i = 0; i < b.Length * 8; i++)
        {
            if (i >= len)
            {
                b[i / 8] &= (byte)~(0x80 >> (i % 8));
            }
        }

        return new IPAddress(b);
    }
}

using System.Net;
using System.Net.Sockets;
using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

public sealed class CidrSetTests
{
    private static IPNetwork[] Nets(params string[] s) => s.Select(IPNetwork.Parse).ToArray();

    [Fact]
    public void Normalize_sorts_dedupes_and_drops_covered_networks()
    {
        var n = CidrSet.Normalize(Nets("10.2.1.0/24", "fd00::/64", "10.1.0.0/16", "10.1.1.0/24", "10.2.1.0/24", "10.1.0.1/32"));

        Assert.Equal(Nets("10.1.0.0/16", "10.2.1.0/24", "fd00::/64"), n);
    }

    [Theory]
    [InlineData("10.1.0.0/16,10.2.0.0/16", "10.1.0.0-10.2.255.255")]
    [InlineData("10.0.0.0/9,10.128.0.0/9", "10.0.0.0/8")]
    [InlineData("10.2.0.1/32", "10.2.0.1")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.1.1.0/24,10.1.1.0/25", "10.1.1.0/24")]
    public void Intervals_print_as_nft_does(string input, string expected)
    {
        var intervals = CidrSet.Intervals(Nets(input.Split(',')), AddressFamily.InterNetwork);

        Assert.Equal(expected, string.Join(",", intervals.Select(CidrSet.Format)));
    }

    [Fact]
    public void Ipv6_everything_is_one_prefix() =>
        Assert.Equal("::/0", CidrSet.Format(Assert.Single(CidrSet.Intervals(Nets("::/0"), AddressFamily.InterNetworkV6))));
}

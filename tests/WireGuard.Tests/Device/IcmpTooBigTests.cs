using System.Buffers.Binary;
using System.Net;
using WireGuard.Device;
using WireGuard.Tun;

namespace WireGuard.Tests.Device;

public sealed class IcmpTooBigTests
{
    private static byte[] Build(byte[] original, int mtu)
    {
        var dest = new byte[IcmpTooBig.MaxSize];
        var n = IcmpTooBig.Build(original, mtu, dest);
        return dest[..n];
    }

    [Fact]
    public void Ipv4_frag_needed_goes_back_to_the_source_with_the_mtu_and_valid_checksums()
    {
        var original = DevicePair.Ipv4("10.1.0.5", "10.2.0.1", 1440);
        original[6] = 0x40; // DF
        var icmp = Build(original, 1340);

        Assert.Equal(20 + 8 + 548, icmp.Length); // quotes as much as fits in 576 bytes (RFC 1812)
        Assert.Equal(0x45, icmp[0]);
        Assert.Equal(icmp.Length, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(2)));
        Assert.Equal(1, icmp[9]);
        Assert.Equal(IPAddress.Parse("10.2.0.1"), new IPAddress(icmp.AsSpan(12, 4)));
        Assert.Equal(IPAddress.Parse("10.1.0.5"), new IPAddress(icmp.AsSpan(16, 4)));
        Assert.Equal(0, Checksum.Compute(icmp.AsSpan(0, 20))); // a valid header sums to zero
        Assert.Equal(3, icmp[20]);
        Assert.Equal(4, icmp[21]);
        Assert.Equal(1340, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(26)));
        Assert.Equal(0, Checksum.Compute(icmp.AsSpan(20)));
        Assert.Equal(original.AsSpan(0, 548).ToArray(), icmp.AsSpan(28).ToArray()); // the original header and data
    }

    [Fact]
    public void A_short_ipv4_packet_is_quoted_whole()
    {
        var original = DevicePair.Ipv4("10.1.0.5", "10.2.0.1", 60);
        var icmp = Build(original, 1340);
        Assert.Equal(28 + 60, icmp.Length);
        Assert.Equal(original, icmp.AsSpan(28).ToArray());
    }

    [Fact]
    public void Ipv6_packet_too_big_carries_the_mtu_and_a_pseudo_header_checksum()
    {
        var original = DevicePair.Ipv6("fd00::1", "fd00::2", 1500);
        original[6] = 17; // UDP, not an ICMPv6 error
        var icmp = Build(original, 1400);

        Assert.Equal(1280, icmp.Length); // as much as fits in the IPv6 minimum MTU (RFC 4443 2.4(c))
        Assert.Equal(0x60, icmp[0]);
        Assert.Equal(1280 - 40, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(4)));
        Assert.Equal(58, icmp[6]);
        Assert.Equal(IPAddress.Parse("fd00::2"), new IPAddress(icmp.AsSpan(8, 16)));
        Assert.Equal(IPAddress.Parse("fd00::1"), new IPAddress(icmp.AsSpan(24, 16)));
        Assert.Equal(2, icmp[40]);
        Assert.Equal(0, icmp[41]);
        Assert.Equal(1400u, BinaryPrimitives.ReadUInt32BigEndian(icmp.AsSpan(44)));
        var pseudo = Checksum.PseudoHeader(icmp.AsSpan(8, 16), icmp.AsSpan(24, 16), 58, icmp.Length - 40);
        Assert.Equal(0, Checksum.Compute(icmp.AsSpan(40), pseudo));
        Assert.Equal(original.AsSpan(0, 1280 - 48).ToArray(), icmp.AsSpan(48).ToArray());
    }

    [Fact]
    public void Ipv6_mtu_below_1280_is_reported_as_1280()
    {
        var original = DevicePair.Ipv6("fd00::1", "fd00::2", 1300);
        original[6] = 17;
        var icmp = Build(original, 1200);
        Assert.Equal(1280u, BinaryPrimitives.ReadUInt32BigEndian(icmp.AsSpan(44)));
    }

    [Fact]
    public void No_error_about_an_icmp_error_a_later_fragment_or_multicast()
    {
        var icmpError = DevicePair.Ipv4("10.1.0.5", "10.2.0.1", 600);
        icmpError[20] = 3; // destination unreachable
        Assert.Equal(0, IcmpTooBig.Build(icmpError, 1340, new byte[IcmpTooBig.MaxSize]));

        var echo = DevicePair.Ipv4("10.1.0.5", "10.2.0.1", 600);
        echo[20] = 8; // echo request: answered
        Assert.NotEqual(0, IcmpTooBig.Build(echo, 1340, new byte[IcmpTooBig.MaxSize]));

        var fragment = DevicePair.Ipv4("10.1.0.5", "10.2.0.1", 600);
        fragment[7] = 0xb9; // offset 185 * 8
        Assert.Equal(0, IcmpTooBig.Build(fragment, 1340, new byte[IcmpTooBig.MaxSize]));

        Assert.Equal(0, IcmpTooBig.Build(DevicePair.Ipv4("10.1.0.5", "239.1.1.1", 600), 1340, new byte[IcmpTooBig.MaxSize]));
        Assert.Equal(0, IcmpTooBig.Build(DevicePair.Ipv4("0.0.0.0", "10.2.0.1", 600), 1340, new byte[IcmpTooBig.MaxSize]));

        var v6Error = DevicePair.Ipv6("fd00::1", "fd00::2", 1300);
        v6Error[40] = 2; // ICMPv6 packet too big itself
        Assert.Equal(0, IcmpTooBig.Build(v6Error, 1280, new byte[IcmpTooBig.MaxSize]));
        Assert.Equal(0, IcmpTooBig.Build(DevicePair.Ipv6("fd00::1", "ff02::1", 1300), 1280, new byte[IcmpTooBig.MaxSize]));
        Assert.Equal(0, IcmpTooBig.Build(new byte[10], 1280, new byte[IcmpTooBig.MaxSize]));
    }
}

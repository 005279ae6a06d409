using System.Buffers.Binary;
using WireGuard.Device;
using WireGuard.Tun;

namespace WireGuard.Tests.Device;

/// <summary>The device on a path smaller than its MTU: drops and ICMP, never a datagram the path cannot carry.</summary>
public sealed class PathMtuTests
{
    [Fact]
    public void A_packet_larger_than_the_path_gets_frag_needed_and_the_largest_fitting_one_passes()
    {
        using var p = new DevicePair();
        p.TunA.Mtu = 1440;
        Assert.NotNull(p.AToB(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 100))); // session up

        p.BindA.SimulatedPathMtu = 1400; // a 1400-byte hop on the way: 1340 bytes fit inside (1400 - 20 - 8 - 32)
        p.A.RunTimers();
        Assert.Equal(1400, p.A.GetPathMtu(p.PubB));

        var big = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1341);
        big[6] = 0x40;
        p.TunA.Inject(big);
        Assert.True(p.TunA.TryTake(out var icmp, DevicePair.Wait), "no ICMP came back into the TUN");
        Assert.Equal(3, icmp[20]);
        Assert.Equal(4, icmp[21]);
        Assert.Equal(1340, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(26)));
        Assert.Equal(0, Checksum.Compute(icmp.AsSpan(20)));
        Assert.Equal(1, p.A.GetCounters().TooBig);
        Assert.Equal(1, p.A.GetCounters().TooBigIcmpSent);
        Assert.False(p.TunB.TryTake(out _, TimeSpan.FromMilliseconds(100)));

        // exactly 1340 fits: padding stops at the path's limit, not at 1344 (which would make a 1404-byte datagram)
        var fits = p.AToB(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1340));
        Assert.NotNull(fits);
        Assert.Equal(1340, fits.Length);
        Assert.Equal(0, p.BindA.TooBig);
    }

    [Fact]
    public void An_ipv6_packet_larger_than_the_path_gets_packet_too_big()
    {
        using var p = new DevicePair();
        p.TunA.Mtu = 1440;
        Assert.NotNull(p.AToB(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 100)));
        p.BindA.SimulatedPathMtu = 1400;
        p.A.RunTimers();

        var big = DevicePair.Ipv6("fd00::1", "fd00::2", 1400);
        big[6] = 17;
        p.TunA.Inject(big);
        Assert.True(p.TunA.TryTake(out var icmp, DevicePair.Wait), "no ICMPv6 came back into the TUN");
        Assert.Equal(0x60, icmp[0]);
        Assert.Equal(2, icmp[40]);
        Assert.Equal(1340u, BinaryPrimitives.ReadUInt32BigEndian(icmp.AsSpan(44)));
        Assert.Equal(big.AsSpan(0, 1280 - 48).ToArray(), icmp.AsSpan(48).ToArray());
        Assert.Equal(1340, p.AToB(DevicePair.Ipv6("fd00::1", "fd00::2", 1340))?.Length);
    }

    [Fact]
    public void A_refused_datagram_makes_the_device_re_read_the_path_mtu()
    {
        using var p = new DevicePair();
        p.TunA.Mtu = 1440;
        Assert.NotNull(p.AToB(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 100)));
        p.A.RunTimers(); // reading: unknown (0)

        p.BindA.SimulatedPathMtu = 1400; // the path shrinks; the device still believes it is unknown
        p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1440));
        Assert.True(DevicePair.Eventually(() => p.BindA.TooBig == 1)); // the bind refused it (DF), nothing fragmented
        p.A.RunTimers(); // within 100 ms in a running device: the refusal forces a re-read
        Assert.Equal(1400, p.A.GetPathMtu(p.PubB));

        p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1440));
        Assert.True(p.TunA.TryTake(out var icmp, DevicePair.Wait));
        Assert.Equal(1340, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(26)));
    }

    [Fact]
    public void Icmp_errors_are_rate_limited_but_every_drop_is_counted()
    {
        using var p = new DevicePair();
        p.TunA.Mtu = 1440;
        Assert.NotNull(p.AToB(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 100)));
        p.BindA.SimulatedPathMtu = 1400;
        p.A.RunTimers();
        for (var i = 0; i < 50; i++)
        {
            p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1400));
        }

        Assert.True(DevicePair.Eventually(() => p.A.GetCounters().TooBig == 50));
        Assert.Equal(WireGuardDevice.IcmpPerSecond, p.A.GetCounters().TooBigIcmpSent);
        Assert.Equal(WireGuardDevice.IcmpPerSecond, p.TunA.Pending);
    }
}

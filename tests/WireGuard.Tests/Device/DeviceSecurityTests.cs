using System.Buffers.Binary;
using System.Net;
using WireGuard.Conn;

namespace WireGuard.Tests.Device;

public sealed class DeviceSecurityTests
{
    private static readonly UdpEndpoint EpA = MemoryNetwork.Endpoint("192.0.2.1", 51820);
    private static readonly UdpEndpoint EpB = MemoryNetwork.Endpoint("192.0.2.2", 51821);

    [Fact]
    public void Replayed_transport_packet_is_dropped_and_counted()
    {
        using var p = new DevicePair();
        var captured = Capture(p);
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var data = Last(captured, d => d[0] == 4 && d.Length > 32);
        p.Net.Deliver(EpA, EpB, data);
        p.Net.Deliver(EpA, EpB, data);
        Assert.True(DevicePair.Eventually(() => p.B.GetCounters().Replay == 2));
        Assert.False(p.TunB.TryTake(out _, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Forged_or_unknown_index_packets_are_dropped_and_counted()
    {
        using var p = new DevicePair();
        var captured = Capture(p);
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var forged = Last(captured, d => d[0] == 4 && d.Length > 32);
        forged[40] ^= 0x01;
        BinaryPrimitives.WriteUInt64LittleEndian(forged.AsSpan(8), 999);
        p.Net.Deliver(EpA, EpB, forged);
        var unknown = (byte[])forged.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(unknown.AsSpan(4), 0xdeadbeef);
        p.Net.Deliver(EpA, EpB, unknown);
        Assert.True(DevicePair.Eventually(() => p.B.GetCounters() is { ForgedTag: 1, UnknownIndex: 1 }));
        Assert.Equal(ping, p.AToB(ping)); // still working
    }

    [Fact]
    public void Inner_source_outside_the_peers_allowed_ips_is_dropped()
    {
        using var p = new DevicePair();
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var spoofed = DevicePair.Ipv4("10.0.0.77", "10.0.0.1", 84);
        p.TunB.Inject(spoofed);
        Assert.True(DevicePair.Eventually(() => p.A.GetCounters().SourceMismatch == 1));
        Assert.False(p.TunA.TryTake(out _, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Endpoint_follows_authenticated_packets_when_the_underlay_address_changes()
    {
        using var p = new DevicePair();
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        p.BindA.ChangeAddress(IPAddress.Parse("192.0.2.11"));
        Assert.Equal(ping, p.AToB(ping));
        Assert.Equal(MemoryNetwork.Endpoint("192.0.2.11", 51820), p.PeerOf(p.B).Endpoint);
        var pong = DevicePair.Ipv4("10.0.0.2", "10.0.0.1", 84);
        Assert.Equal(pong, p.BToA(pong));
    }

    [Fact]
    public void Unauthenticated_packet_from_a_new_address_does_not_move_the_endpoint()
    {
        using var p = new DevicePair();
        var captured = Capture(p);
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var forged = Last(captured, d => d[0] == 4 && d.Length > 32);
        forged[^1] ^= 1;
        p.Net.Deliver(MemoryNetwork.Endpoint("203.0.113.9", 4444), EpB, forged);
        Assert.True(DevicePair.Eventually(() => p.B.GetCounters().ForgedTag == 1));
        Assert.Equal(EpA, p.PeerOf(p.B).Endpoint);
    }

    [Fact]
    public void Hostile_datagrams_never_stop_the_receive_loop()
    {
        using var p = new DevicePair();
        var rnd = new Random(7);
        var junk = new List<byte[]>();
        foreach (var size in new[] { 0, 1, 3, 4, 15, 31, 32, 33, 64, 91, 92, 93, 147, 148, 149, 1500 })
        {
            for (byte type = 0; type <= 5; type++)
            {
                var d = new byte[size];
                rnd.NextBytes(d);
                if (size > 0)
                {
                    d[0] = type;
                }

                if (size >= 4)
                {
                    d[1] = d[2] = d[3] = 0;
                }

                junk.Add(d);
            }
        }

        foreach (var d in junk)
        {
            p.Net.Deliver(EpA, EpB, d);
        }

        Assert.True(DevicePair.Eventually(() =>
        {
            var c = p.B.GetCounters();
            return c.Malformed + c.BadMac + c.UnknownIndex >= junk.Count;
        }));
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
    }

    [Fact]
    public void Under_load_a_handshake_without_mac2_gets_a_cookie_and_the_retry_with_mac2_succeeds()
    {
        using var p = new DevicePair();
        p.B.UnderLoadThreshold = 0;
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        p.TunA.Inject(ping);
        Assert.True(DevicePair.Eventually(() => p.B.GetCounters().CookieRepliesSent == 1));
        Assert.False(p.TunB.TryTake(out _, TimeSpan.FromMilliseconds(100)));
        p.Time.Advance(TimeSpan.FromSeconds(5.5));
        p.A.RunTimers();
        Assert.True(p.TunB.TryTake(out var got, DevicePair.Wait));
        Assert.Equal(ping, got);
        Assert.Equal(1, p.B.GetCounters().CookieRepliesSent);
    }

    [Fact]
    public void Initiation_flood_from_many_sources_gets_cookies_and_the_real_peer_still_connects()
    {
        using var p = new DevicePair();
        p.B.UnderLoadThreshold = 0;
        var captured = Capture(p);
        p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84));
        Assert.True(DevicePair.Eventually(() => captured.Any(d => d[0] == 1)));
        var initiation = Last(captured, d => d[0] == 1);
        for (var i = 0; i < 200; i++)
        {
            p.Net.Deliver(MemoryNetwork.Endpoint($"198.51.100.{i % 250}", (ushort)(1000 + i)), EpB, initiation);
        }

        Assert.True(DevicePair.Eventually(() => p.B.GetCounters().CookieRepliesSent >= 201));
        p.Time.Advance(TimeSpan.FromSeconds(5.5));
        p.A.RunTimers();
        Assert.True(p.TunB.TryTake(out _, DevicePair.Wait));
    }

    [Fact]
    public void Replayed_initiation_is_refused()
    {
        using var p = new DevicePair();
        var captured = Capture(p);
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var initiation = Last(captured, d => d[0] == 1);
        var before = p.B.GetCounters().HandshakeFailed;
        p.Net.Deliver(EpA, EpB, initiation);
        Assert.True(DevicePair.Eventually(() => p.B.GetCounters().HandshakeFailed == before + 1));
        Assert.Equal(ping, p.AToB(ping)); // the session survived
    }

    internal static List<byte[]> Capture(DevicePair p)
    {
        var list = new List<byte[]>();
        p.Net.Filter = (_, _, d) =>
        {
            lock (list)
            {
                list.Add((byte[])d.Clone());
            }

            return true;
        };
        return list;
    }

    internal static byte[] Last(List<byte[]> captured, Func<byte[], bool> match)
    {
        lock (captured)
        {
            return (byte[])captured.Last(match).Clone();
        }
    }
}

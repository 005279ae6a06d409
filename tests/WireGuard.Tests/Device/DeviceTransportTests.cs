namespace WireGuard.Tests.Device;

public sealed class DeviceTransportTests
{
    [Fact]
    public void Handshake_then_ping_both_ways()
    {
        using var p = new DevicePair();
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var pong = DevicePair.Ipv4("10.0.0.2", "10.0.0.1", 84, 0xcd);
        Assert.Equal(pong, p.BToA(pong));

        var a = p.PeerOf(p.A);
        var b = p.PeerOf(p.B);
        Assert.NotNull(a.LastHandshake);
        Assert.True(DevicePair.Eventually(() => p.PeerOf(p.B).LastHandshake is not null));
        Assert.True(a.TxBytes > 0 && a.RxBytes > 0);
        Assert.True(b.TxBytes > 0 && b.RxBytes > 0);
        Assert.Equal(MemoryNetworkEndpointA, b.Endpoint); // B learned A's endpoint from the handshake
    }

    [Fact]
    public void Full_size_packets_both_ways_and_ipv6()
    {
        using var p = new DevicePair();
        var sizes = new List<int>();
        p.Net.Filter = (_, _, d) =>
        {
            lock (sizes)
            {
                sizes.Add(d.Length);
            }

            return true;
        };
        for (var i = 0; i < 20; i++)
        {
            var big = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1420, (byte)i);
            Assert.Equal(big, p.AToB(big));
            var back = DevicePair.Ipv4("10.0.0.2", "10.0.0.1", 1420, (byte)(i + 100));
            Assert.Equal(back, p.BToA(back));
        }

        var v6 = DevicePair.Ipv6("fd00::1", "fd00::2", 1300);
        Assert.Equal(v6, p.AToB(v6));
        lock (sizes)
        {
            Assert.All(sizes, s => Assert.True(s <= 1420 + 32, $"datagram {s} exceeds MTU + overhead"));
            Assert.All(sizes.Where(s => s > 148), s => Assert.True((s - 32) % 16 == 0 || s - 32 == 1420, $"payload {s - 32} is not padded to 16"));
        }
    }

    [Fact]
    public void Packets_sent_before_the_handshake_are_staged_and_delivered_in_order()
    {
        using var p = new DevicePair();
        for (var i = 0; i < 10; i++)
        {
            p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 100 + i));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.True(p.TunB.TryTake(out var got, DevicePair.Wait));
            Assert.Equal(100 + i, got.Length);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Large_batches_spread_over_crypto_workers_keep_their_order(int parallelism)
    {
        using var p = new DevicePair(batch: 64, parallelism: parallelism);
        Assert.Equal(parallelism, p.A.CryptoParallelism);
        var first = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(first, p.AToB(first));
        const int Count = 2000;
        for (var i = 0; i < Count; i++)
        {
            p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 60 + (i % 1300), (byte)i));
        }

        for (var i = 0; i < Count; i++)
        {
            Assert.True(p.TunB.TryTake(out var got, DevicePair.Wait), $"packet {i} missing");
            Assert.Equal(60 + (i % 1300), got.Length);
            Assert.Equal((byte)i, got[^1]);
        }

        Assert.Equal(0, p.B.GetCounters().Replay + p.B.GetCounters().ForgedTag);
    }

    [Fact]
    public void Packet_to_an_address_no_peer_covers_is_dropped_and_counted()
    {
        using var p = new DevicePair();
        p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.9.9.9", 84));
        Assert.True(DevicePair.Eventually(() => p.A.GetCounters().NoRoute == 1));
    }

    [Fact]
    public void Preshared_key_handshake_works_and_mismatch_fails()
    {
        var psk = DevicePair.NewKey();
        using (var p = new DevicePair(psk: psk))
        {
            var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
            Assert.Equal(ping, p.AToB(ping));
        }

        using var q = new DevicePair(psk: psk, start: false);
        var change = new WireGuard.Device.DeviceConfigChange();
        change.Peers.Add(new WireGuard.Device.PeerConfigChange(q.PubA) { PresharedKey = DevicePair.NewKey() });
        q.B.Apply(change);
        q.A.Start();
        q.B.Start();
        q.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84));
        Assert.True(DevicePair.Eventually(() => q.A.GetCounters().HandshakeFailed >= 1));
        Assert.False(q.TunB.TryTake(out _, TimeSpan.FromMilliseconds(300)));
    }

    private static readonly WireGuard.Conn.UdpEndpoint MemoryNetworkEndpointA = WireGuard.Conn.MemoryNetwork.Endpoint("192.0.2.1", 51820);
}

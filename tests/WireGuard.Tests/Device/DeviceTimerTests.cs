namespace WireGuard.Tests.Device;

public sealed class DeviceTimerTests
{
    private static readonly byte[] Ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);

    [Fact]
    public void Receiver_of_data_answers_with_a_keepalive_after_10_seconds()
    {
        using var p = new DevicePair();
        Assert.Equal(Ping, p.AToB(Ping));
        Assert.True(DevicePair.Eventually(() => p.PeerOf(p.A).RxBytes > 0));
        var rx = p.PeerOf(p.A).RxBytes;
        p.Time.Advance(TimeSpan.FromSeconds(10.1));
        p.B.RunTimers();
        Assert.True(DevicePair.Eventually(() => p.PeerOf(p.A).RxBytes == rx + 32));
    }

    [Fact]
    public void Initiator_rekeys_when_sending_after_120_seconds()
    {
        using var p = new DevicePair();
        Assert.Equal(Ping, p.AToB(Ping));
        var first = p.PeerOf(p.A).LastHandshake;
        p.Time.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(Ping, p.AToB(Ping)); // old session still valid (< 180 s)
        Assert.True(DevicePair.Eventually(() => p.PeerOf(p.A).LastHandshake > first));
        Assert.Equal(Ping, p.AToB(Ping));
        var pong = DevicePair.Ipv4("10.0.0.2", "10.0.0.1", 84);
        Assert.Equal(pong, p.BToA(pong));
    }

    [Fact]
    public void Session_older_than_180_seconds_is_rejected_and_replaced()
    {
        using var p = new DevicePair();
        var captured = DeviceSecurityTests.Capture(p);
        Assert.Equal(Ping, p.AToB(Ping));
        var old = DeviceSecurityTests.Last(captured, d => d[0] == 4 && d.Length > 32);
        p.Time.Advance(TimeSpan.FromSeconds(181));
        p.Net.Deliver(WireGuard.Conn.MemoryNetwork.Endpoint("192.0.2.1", 51820), WireGuard.Conn.MemoryNetwork.Endpoint("192.0.2.2", 51821), old);
        Assert.True(DevicePair.Eventually(() => p.B.GetCounters().Expired == 1));
        Assert.Equal(Ping, p.AToB(Ping)); // staged, new handshake, delivered
    }

    [Fact]
    public void Unanswered_initiation_is_retransmitted_then_given_up_after_90_seconds()
    {
        using var p = new DevicePair();
        var initiations = 0;
        p.Net.Filter = (_, _, d) =>
        {
            if (d[0] == 1)
            {
                Interlocked.Increment(ref initiations);
            }

            return false; // B never hears anything
        };
        p.TunA.Inject(Ping);
        Assert.True(DevicePair.Eventually(() => Volatile.Read(ref initiations) == 1));
        for (var i = 0; i < 25; i++)
        {
            p.Time.Advance(TimeSpan.FromSeconds(5.4));
            p.A.RunTimers();
            var expected = Math.Min(i + 2, 20);
            Assert.True(DevicePair.Eventually(() => Volatile.Read(ref initiations) >= expected), $"step {i}: {initiations} initiations");
        }

        Assert.Equal(20, Volatile.Read(ref initiations));
        Assert.True(DevicePair.Eventually(() => p.A.GetCounters().StagedDropped == 1));
    }

    [Fact]
    public void Keys_are_zeroed_after_540_seconds_without_a_new_session()
    {
        using var p = new DevicePair();
        Assert.Equal(Ping, p.AToB(Ping));
        Assert.True(p.A.HasSession(p.PubB));

        // cut the link first: otherwise a timer-driven new handshake may legitimately create a fresh session
        // right after the old keys were wiped, and the assertion would race with it
        p.Net.Filter = (_, _, _) => false;
        p.Time.Advance(TimeSpan.FromSeconds(541));
        p.A.RunTimers();
        Assert.True(DevicePair.Eventually(() => !p.A.HasSession(p.PubB)));
    }

    [Fact]
    public void Persistent_keepalive_is_sent_every_interval()
    {
        using var p = new DevicePair();
        var keepalives = 0;
        p.Net.Filter = (src, _, d) =>
        {
            if (src.Port == 51820 && d.Length == 32 && d[0] == 4)
            {
                Interlocked.Increment(ref keepalives);
            }

            return true;
        };
        Assert.Equal(Ping, p.AToB(Ping));
        var change = new WireGuard.Device.DeviceConfigChange();
        change.Peers.Add(new WireGuard.Device.PeerConfigChange(p.PubB) { PersistentKeepalive = 5 });
        p.A.Apply(change);
        Assert.Equal(5, p.PeerOf(p.A).PersistentKeepalive);
        Assert.True(DevicePair.Eventually(() => Volatile.Read(ref keepalives) == 1)); // sent at once when enabled
        p.Time.Advance(TimeSpan.FromSeconds(4));
        p.A.RunTimers();
        Thread.Sleep(100);
        Assert.Equal(1, Volatile.Read(ref keepalives));
        p.Time.Advance(TimeSpan.FromSeconds(1.1));
        p.A.RunTimers();
        Assert.True(DevicePair.Eventually(() => Volatile.Read(ref keepalives) == 2));
    }
}

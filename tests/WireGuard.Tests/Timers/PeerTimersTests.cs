using WireGuard.Timers;

namespace WireGuard.Tests.Timers;

public sealed class PeerTimersTests
{
    [Fact]
    public void Retransmits_every_5_s_plus_jitter_then_gives_up_after_90_s()
    {
        var t = new PeerTimers();
        long now = 0;
        t.HandshakeInitiated(now, 200);
        Assert.Equal(TimerActions.None, t.Poll(5_199));
        var retransmits = 0;
        for (var i = 0; i < 40; i++)
        {
            now = t.RetransmitAt;
            var a = t.Poll(now);
            if (a.HasFlag(TimerActions.GiveUp))
            {
                break;
            }

            Assert.Equal(TimerActions.RetransmitInitiation, a);
            retransmits++;
            t.HandshakeInitiated(now, 333);
        }

        Assert.Equal(19, retransmits);
        Assert.True(now >= 90_000, $"gave up at {now} ms");
        Assert.Equal(now + 540_000, t.ZeroKeysAt);
    }

    [Fact]
    public void Completed_handshake_cancels_retransmission()
    {
        var t = new PeerTimers();
        t.HandshakeInitiated(0, 0);
        t.HandshakeComplete();
        Assert.Equal(TimerActions.None, t.Poll(1_000_000));
    }

    [Fact]
    public void Passive_keepalive_after_data_received_unless_something_was_sent()
    {
        var t = new PeerTimers();
        t.DataReceived(0);
        Assert.Equal(TimerActions.None, t.Poll(9_999));
        Assert.Equal(TimerActions.SendKeepalive, t.Poll(10_000));

        t.DataReceived(20_000);
        t.AnyAuthenticatedPacketSent();
        Assert.Equal(TimerActions.None, t.Poll(40_000));
    }

    [Fact]
    public void Data_received_twice_schedules_another_keepalive()
    {
        var t = new PeerTimers();
        t.DataReceived(0);
        t.DataReceived(5_000);
        Assert.Equal(TimerActions.SendKeepalive, t.Poll(10_000));
        Assert.Equal(TimerActions.SendKeepalive, t.Poll(20_000));
        Assert.Equal(TimerActions.None, t.Poll(40_000));
    }

    [Fact]
    public void Unanswered_data_starts_a_handshake_after_15_s()
    {
        var t = new PeerTimers();
        t.DataSent(0, 100);
        t.DataSent(3_000, 100); // does not push the deadline
        Assert.Equal(TimerActions.None, t.Poll(15_099));
        Assert.Equal(TimerActions.NewInitiation, t.Poll(15_100));

        t.DataSent(20_000, 0);
        t.AnyAuthenticatedPacketReceived();
        Assert.Equal(TimerActions.None, t.Poll(60_000));
    }

    [Fact]
    public void Keys_are_zeroed_540_s_after_the_last_session()
    {
        var t = new PeerTimers();
        t.SessionDerived(0);
        t.SessionDerived(100_000);
        Assert.Equal(TimerActions.None, t.Poll(639_999));
        Assert.Equal(TimerActions.ZeroKeys, t.Poll(640_000));
    }

    [Fact]
    public void Persistent_keepalive_follows_the_last_traversal()
    {
        var t = new PeerTimers { PersistentKeepaliveSeconds = 25 };
        t.AnyAuthenticatedPacketTraversal(0);
        t.AnyAuthenticatedPacketTraversal(10_000);
        Assert.Equal(TimerActions.None, t.Poll(34_999));
        Assert.Equal(TimerActions.SendKeepalive, t.Poll(35_000));

        var off = new PeerTimers();
        off.AnyAuthenticatedPacketTraversal(0);
        Assert.Equal(TimerActions.None, off.Poll(1_000_000));
    }
}

using WireGuard.Noise;

namespace WireGuard.Tests.Noise;

public sealed class KeypairsTests
{
    [Fact]
    public void Initiator_session_becomes_current_at_once()
    {
        var k = new Keypairs();
        var dropped = new List<Keypair>();
        var a = new Keypair(true, 0, 1, 1);
        var b = new Keypair(true, 0, 2, 2);
        k.Install(a, dropped);
        Assert.Same(a, k.Current);
        k.Install(b, dropped);
        Assert.Same(b, k.Current);
        Assert.Same(a, k.Previous);
        Assert.Empty(dropped);
    }

    [Fact]
    public void Responder_session_waits_in_next_until_the_first_packet()
    {
        var k = new Keypairs();
        var dropped = new List<Keypair>();
        var cur = new Keypair(true, 0, 1, 1);
        k.Install(cur, dropped);
        var next = new Keypair(false, 0, 2, 2);
        k.Install(next, dropped);
        Assert.Same(cur, k.Current);
        Assert.Same(next, k.Next);
        Assert.False(k.Received(cur, dropped));
        Assert.True(k.Received(next, dropped));
        Assert.Same(next, k.Current);
        Assert.Same(cur, k.Previous);
        Assert.Null(k.Next);
        Assert.False(k.Received(next, dropped));
    }

    [Fact]
    public void Initiator_install_over_an_unconfirmed_next_keeps_next_as_previous()
    {
        var k = new Keypairs();
        var dropped = new List<Keypair>();
        var cur = new Keypair(true, 0, 1, 1);
        var next = new Keypair(false, 0, 2, 2);
        var mine = new Keypair(true, 0, 3, 3);
        k.Install(cur, dropped);
        k.Install(next, dropped);
        k.Install(mine, dropped);
        Assert.Same(mine, k.Current);
        Assert.Same(next, k.Previous);
        Assert.Null(k.Next);
        Assert.Contains(cur, dropped);
    }

    [Fact]
    public void Counter_stops_at_reject_after_messages()
    {
        var kp = new Keypair(true, 0, 1, 1);
        Assert.True(kp.TryNextCounter(out var c0));
        Assert.Equal(0UL, c0);
        Assert.False(kp.NeedsRekeyOnSend(0));
        kp.ExpireForSending();
        Assert.False(kp.TryNextCounter(out _));
        Assert.True(kp.NeedsRekeyOnSend(0)); // past 2^60 messages a rekey is due whatever the age
    }

    [Theory]
    [InlineData(119_999, false)]
    [InlineData(120_000, true)]
    public void Initiator_rekeys_after_120_s(long age, bool rekey) =>
        Assert.Equal(rekey, new Keypair(true, 0, 1, 1).NeedsRekeyOnSend(age));

    [Fact]
    public void Responder_does_not_rekey_on_age_and_sessions_expire_at_180_s()
    {
        var kp = new Keypair(false, 0, 1, 1);
        Assert.False(kp.NeedsRekeyOnSend(170_000));
        Assert.False(kp.IsExpired(179_999));
        Assert.True(kp.IsExpired(180_000));
        Assert.True(new Keypair(true, 0, 1, 1).NeedsRekeyOnReceive(165_000));
        Assert.False(new Keypair(true, 0, 1, 1).NeedsRekeyOnReceive(164_999));
    }
}

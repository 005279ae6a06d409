using WireGuard.Noise;
using WireGuard.Tests.Device;

namespace WireGuard.Tests.Noise;

public sealed class NoiseIKTests
{
    private sealed class Side
    {
        public Side(Key priv, Key remotePub, Key psk)
        {
            Id = new StaticIdentity(priv);
            Hs = new Handshake(remotePub, this);
            Hs.Precompute(Id);
            psk.Bytes.CopyTo(Hs.PresharedKey);
            Cookies = new CookieGenerator(remotePub.Bytes);
        }

        public StaticIdentity Id { get; }

        public Handshake Hs { get; }

        public CookieGenerator Cookies { get; }
    }

    private static (Side I, Side R) Sides(Key? psk = null)
    {
        var ki = DevicePair.NewKey();
        var kr = DevicePair.NewKey();
        var p = psk ?? default;
        return (new Side(ki, DevicePair.PublicOf(kr), p), new Side(kr, DevicePair.PublicOf(ki), p));
    }

    [Fact]
    public void Full_handshake_derives_matching_transport_keys()
    {
        var (i, r) = Sides(DevicePair.NewKey());
        var init = new byte[Protocol.InitiationSize];
        Assert.True(NoiseIK.CreateInitiation(i.Id, i.Hs, 11, DateTimeOffset.UtcNow, init));
        i.Cookies.AddMacs(init, 0);
        var checker = new CookieChecker();
        checker.SetIdentity(r.Id);
        Assert.True(checker.CheckMac1(init));

        Assert.Same(r.Hs, NoiseIK.ConsumeInitiation(r.Id, init, k => k.AsSpan().SequenceEqual(i.Id.PublicKey) ? r.Hs : null, 1000));
        var resp = new byte[Protocol.ResponseSize];
        lock (r.Hs)
        {
            Assert.True(NoiseIK.CreateResponse(r.Hs, 22, resp));
        }

        Keypair kr;
        lock (r.Hs)
        {
            kr = NoiseIK.BeginSession(r.Hs, 0)!;
        }

        Assert.True(NoiseIK.ConsumeResponse(i.Id, i.Hs, resp));
        Keypair ki;
        lock (i.Hs)
        {
            ki = NoiseIK.BeginSession(i.Hs, 0)!;
        }

        Assert.Equal(ki.SendKey, kr.ReceiveKey);
        Assert.Equal(ki.ReceiveKey, kr.SendKey);
        Assert.NotEqual(ki.SendKey, ki.ReceiveKey);
        Assert.True(ki.IsInitiator);
        Assert.False(kr.IsInitiator);
        Assert.Equal(22u, ki.RemoteIndex);
        Assert.Equal(11u, kr.RemoteIndex);
    }

    [Fact]
    public void Replayed_or_too_frequent_initiations_are_refused()
    {
        var (i, r) = Sides();
        var init = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 1, DateTimeOffset.UtcNow, init);
        Handshake? Lookup(byte[] k) => r.Hs;
        Assert.NotNull(NoiseIK.ConsumeInitiation(r.Id, init, Lookup, 1000));
        Assert.Null(NoiseIK.ConsumeInitiation(r.Id, init, Lookup, 5000)); // same timestamp

        var later = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 2, DateTimeOffset.UtcNow.AddSeconds(1), later);
        Assert.NotNull(NoiseIK.ConsumeInitiation(r.Id, later, Lookup, 5010)); // newer timestamp, 4 s later
        Assert.Null(NoiseIK.ConsumeInitiation(r.Id, init, Lookup, 9000)); // the old one stays refused
    }

    [Fact]
    public void Initiation_within_20ms_of_the_previous_is_refused()
    {
        var (i, r) = Sides();
        Handshake? Lookup(byte[] k) => r.Hs;
        var a = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 1, DateTimeOffset.UtcNow, a);
        Assert.NotNull(NoiseIK.ConsumeInitiation(r.Id, a, Lookup, 1000));
        var b = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 2, DateTimeOffset.UtcNow.AddSeconds(1), b);
        Assert.Null(NoiseIK.ConsumeInitiation(r.Id, b, Lookup, 1010));
        Assert.NotNull(NoiseIK.ConsumeInitiation(r.Id, b, Lookup, 1021));
    }

    [Fact]
    public void Tampered_initiation_or_unknown_peer_is_refused()
    {
        var (i, r) = Sides();
        var init = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 1, DateTimeOffset.UtcNow, init);
        Assert.Null(NoiseIK.ConsumeInitiation(r.Id, init, _ => null, 1000));
        init[60] ^= 1;
        Assert.Null(NoiseIK.ConsumeInitiation(r.Id, init, _ => r.Hs, 1000));
    }

    [Fact]
    public void Response_to_a_different_index_is_refused()
    {
        var (i, r) = Sides();
        var init = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 1, DateTimeOffset.UtcNow, init);
        NoiseIK.ConsumeInitiation(r.Id, init, _ => r.Hs, 1000);
        var resp = new byte[Protocol.ResponseSize];
        lock (r.Hs)
        {
            NoiseIK.CreateResponse(r.Hs, 2, resp);
        }

        resp[8] ^= 0xff;
        Assert.False(NoiseIK.ConsumeResponse(i.Id, i.Hs, resp));
    }

    [Fact]
    public void Cookie_reply_round_trip_enables_mac2()
    {
        var (i, r) = Sides();
        var checker = new CookieChecker();
        checker.SetIdentity(r.Id);
        var src = WireGuard.Conn.MemoryNetwork.Endpoint("198.51.100.7", 4000);
        var init = new byte[Protocol.InitiationSize];
        NoiseIK.CreateInitiation(i.Id, i.Hs, 1, DateTimeOffset.UtcNow, init);
        i.Cookies.AddMacs(init, 0);
        Assert.False(checker.CheckMac2(init, src, 0));
        var reply = new byte[Protocol.CookieReplySize];
        Assert.True(checker.CreateReply(init, src, 0, reply));
        Assert.True(i.Cookies.ConsumeReply(reply, 0));
        i.Cookies.AddMacs(init, 1000);
        Assert.True(checker.CheckMac1(init));
        Assert.True(checker.CheckMac2(init, src, 1000));
        Assert.False(checker.CheckMac2(init, WireGuard.Conn.MemoryNetwork.Endpoint("198.51.100.8", 4000), 1000));

        // the secret rotates after 120 s: the old cookie no longer works
        Assert.False(checker.CheckMac2(init, src, 1000 + Protocol.CookieRefreshTimeMs));
    }
}

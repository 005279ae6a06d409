using System.Net;
using WireGuard.Tests.Linux;

namespace WireGuard.Tests.Interop;

/// <summary>Handshake, ping and TCP through the tunnel between two implementations (A initiates).</summary>
public sealed class DataPathTests
{
    private const string Psk = "FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=";

    [Theory]
    [MemberData(nameof(InteropCases.Pairs), MemberType = typeof(InteropCases))]
    public void Ipv4_outer_with_psk_handshakes_pings_and_carries_tcp_both_ways(WgImpl a, WgImpl b)
    {
        using var p = new WgPair(a, b);
        p.Peer(psk: Psk, initiator: p.A, oneWay: true);

        Assert.True(p.A.Ping("10.99.0.2"), "A cannot ping B through the tunnel");
        TcpCheck.Transfer(p.B.Ns.Name, IPAddress.Parse("10.99.0.2"), p.A.Ns.Name, 4 << 20);
        TcpCheck.Transfer(p.A.Ns.Name, IPAddress.Parse("10.99.0.1"), p.B.Ns.Name, 4 << 20, 5556);

        var seenByB = WgPair.DumpPeer(p.B, p.A);
        Assert.Equal(p.A.PublicKey, seenByB[0]);
        Assert.Equal(Psk, seenByB[1]);
        Assert.Equal("192.0.2.1:51820", seenByB[2]);
        Assert.True(long.Parse(seenByB[4], System.Globalization.CultureInfo.InvariantCulture) > 0, "no handshake time");
        Assert.True(long.Parse(seenByB[5], System.Globalization.CultureInfo.InvariantCulture) > 4 << 20, "rx bytes too small");
        Assert.True(long.Parse(seenByB[6], System.Globalization.CultureInfo.InvariantCulture) > 4 << 20, "tx bytes too small");
    }

    [Theory]
    [MemberData(nameof(InteropCases.Pairs), MemberType = typeof(InteropCases))]
    public void Ipv6_outer_carries_ipv4_and_ipv6_inner(WgImpl a, WgImpl b)
    {
        using var p = new WgPair(a, b);
        p.Peer(ipv6Outer: true);
        Assert.True(p.A.Ping("fd99::2"), "A cannot ping B over IPv6 inside");
        Assert.True(p.B.Ping("10.99.0.1"), "B cannot ping A over IPv4 inside");
        TcpCheck.Transfer(p.B.Ns.Name, IPAddress.Parse("fd99::2"), p.A.Ns.Name, 2 << 20);
        Assert.Equal("[2001:db8::1]:51820", WgPair.DumpPeer(p.B, p.A)[2]);
    }

    [Theory]
    [MemberData(nameof(InteropCases.Pairs), MemberType = typeof(InteropCases))]
    public void Responder_follows_the_initiator_when_its_port_or_address_changes(WgImpl a, WgImpl b)
    {
        using var p = new WgPair(a, b);
        p.Peer(initiator: p.A, oneWay: true);
        Assert.True(p.A.Ping("10.99.0.2"));
        Assert.Equal("192.0.2.1:51820", WgPair.DumpPeer(p.B, p.A)[2]);

        // NAT rebinding: the initiator's source port changes
        p.A.Wg("set", p.A.Interface, "listen-port", "51830");
        Assert.True(p.A.Ping("10.99.0.2", count: 5), "traffic stopped after the initiator's port changed");
        Assert.Equal("192.0.2.1:51830", WgPair.DumpPeer(p.B, p.A)[2]);

        // a new underlay address (as after a DHCP/PPPoE reconnect). wireguard-go 0.0.20220316 keeps sending
        // from its cached ("sticky") source address after it disappears, so only a mesh-wg initiator can roam so
        if (a == WgImpl.MeshWg)
        {
            p.A.Ns.Ip("addr", "del", "192.0.2.1/24", "dev", "ua");
            p.A.Ns.Ip("addr", "add", "192.0.2.3/24", "dev", "ua");
            Assert.True(p.A.Ping("10.99.0.2", count: 5), "traffic stopped after the initiator's address changed");
            Assert.Equal("192.0.2.3:51830", WgPair.DumpPeer(p.B, p.A)[2]);
        }

        TcpCheck.Transfer(p.A.Ns.Name, IPAddress.Parse("10.99.0.1"), p.B.Ns.Name, 2 << 20);
    }

    [Theory]
    [MemberData(nameof(InteropCases.Pairs), MemberType = typeof(InteropCases))]
    public void A_restarted_peer_reconnects(WgImpl a, WgImpl b)
    {
        using var p = new WgPair(a, b);
        p.Peer();
        Assert.True(p.A.Ping("10.99.0.2"));

        p.B.Stop();
        p.B.Start();
        p.B.Up(WgPair.PortB);
        p.Peer();

        Assert.True(p.B.Ping("10.99.0.1", count: 5), "the restarted peer cannot reach the other side");
        Assert.True(p.A.Ping("10.99.0.2"), "the surviving peer cannot reach the restarted one");
    }

    [Theory]
    [MemberData(nameof(InteropCases.Pairs), MemberType = typeof(InteropCases))]
    public void Packets_from_a_source_outside_allowed_ips_are_dropped(WgImpl a, WgImpl b)
    {
        using var p = new WgPair(a, b);
        p.Peer();
        p.A.Ns.Ip("addr", "add", "10.99.0.50/24", "dev", p.A.Interface);
        Assert.True(p.A.Ping("10.99.0.2"));
        Assert.False(p.A.Ping("10.99.0.2", count: 2, source: "10.99.0.50"), "B accepted a packet whose source is not in A's allowed IPs");
        Assert.True(p.A.Ping("10.99.0.2"));
    }
}

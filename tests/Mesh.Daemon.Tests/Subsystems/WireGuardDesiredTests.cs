using System.Net;
using Mesh.Collections;
using Mesh.Daemon.Subsystems;
using Mesh.Planning;
using WireGuard;
using WireGuard.Conn;
using WireGuard.Device;

namespace Mesh.Daemon.Tests.Subsystems;

public sealed class WireGuardDesiredTests
{
    private static readonly Key Private = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly Key Stranger = new(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly UdpEndpoint Roamed = UdpEndpoint.From(IPEndPoint.Parse("198.51.100.7:40000"));

    private readonly WireGuardPlan _plan = Plans.Lab("roz1").WireGuard;

    private WireGuardPeerPlan Wro => Assert.Single(_plan.Peers);

    private static WireGuardPlan WithPeer(WireGuardPlan plan, WireGuardPeerPlan peer) => plan with { Peers = EquatableArray.From([peer]) };

    /// <summary>What the device reports when it is exactly as planned.</summary>
    private static DeviceStatus InSync(WireGuardPlan plan, UdpEndpoint? endpoint = null) => new(
        Private, null, (ushort)plan.ListenPort, 0,
        [.. plan.Peers.Select(p => new PeerStatus(WireGuardDesired.PublicKey(p), null, endpoint ?? WireGuardDesired.LiteralEndpoint(p),
            (ushort)p.PersistentKeepalive, [.. p.AllowedIps.Reverse()], null, 0, 0))]);

    [Fact]
    public void A_device_as_planned_needs_no_change()
    {
        Assert.Null(WireGuardDesired.Diff(_plan, Private, InSync(_plan)));
        Assert.Null(WireGuardDesired.Diff(_plan, Private, InSync(_plan, Roamed)));
    }

    [Fact]
    public void A_fresh_device_gets_key_port_and_every_peer()
    {
        var plan = WithPeer(_plan, Wro with { EndpointHost = "192.0.2.2", EndpointPort = 51820 });

        var change = WireGuardDesired.Diff(plan, Private, new DeviceStatus(null, null, 0, 0, []))!;

        Assert.Equal(Private, change.PrivateKey);
        Assert.Equal((ushort)plan.ListenPort, change.ListenPort);
        var peer = Assert.Single(change.Peers);
        Assert.Equal(WireGuardDesired.PublicKey(Wro), peer.PublicKey);
        Assert.False(peer.Remove);
        Assert.True(peer.ReplaceAllowedIps);
        Assert.Equal(Wro.AllowedIps.OrderBy(n => n.ToString(), StringComparer.Ordinal), peer.AllowedIps);
        Assert.Equal((ushort)Wro.PersistentKeepalive, peer.PersistentKeepalive);
        Assert.Equal(IPEndPoint.Parse("192.0.2.2:51820"), peer.Endpoint!.Value.ToIPEndPoint());
        Assert.Equal("private key, listen port 51820, 1 peer(s) set", WireGuardDesired.Describe(change));
    }

    [Fact]
    public void A_peer_no_longer_planned_is_removed_and_nothing_else_touched()
    {
        var status = InSync(_plan);
        status = status with { Peers = [.. status.Peers, new PeerStatus(Stranger, null, Roamed, 0, [IPNetwork.Parse("10.9.0.9/32")], null, 0, 0)] };

        var change = WireGuardDesired.Diff(_plan, Private, status)!;

        var removal = Assert.Single(change.Peers);
        Assert.Equal((Stranger, true), (removal.PublicKey, removal.Remove));
        Assert.Null(change.PrivateKey);
        Assert.Null(change.ListenPort);
        Assert.False(change.ReplacePeers);
        Assert.Equal("1 peer(s) removed", WireGuardDesired.Describe(change));
    }

    [Fact]
    public void Changed_allowed_ips_are_replaced_as_a_whole()
    {
        var wider = Wro with { AllowedIps = EquatableArray.From([.. Wro.AllowedIps, IPNetwork.Parse("10.2.9.0/24")]) };

        var change = WireGuardDesired.Diff(WithPeer(_plan, wider), Private, InSync(_plan))!;

        var peer = Assert.Single(change.Peers);
        Assert.True(peer.ReplaceAllowedIps);
        Assert.Equal(wider.AllowedIps.OrderBy(n => n.ToString(), StringComparer.Ordinal), peer.AllowedIps);
        Assert.Null(peer.Endpoint);
        Assert.Null(peer.PersistentKeepalive);
    }

    [Fact]
    public void A_literal_endpoint_is_set_only_when_the_peer_has_none()
    {
        var literal = WithPeer(_plan, Wro with { EndpointHost = "192.0.2.2", EndpointPort = 51820 });
        var none = InSync(literal) with { Peers = [InSync(literal).Peers[0] with { Endpoint = null }] };

        var set = Assert.Single(WireGuardDesired.Diff(literal, Private, none)!.Peers);

        Assert.Equal(IPEndPoint.Parse("192.0.2.2:51820"), set.Endpoint!.Value.ToIPEndPoint());
        Assert.False(set.ReplaceAllowedIps);
        Assert.Null(WireGuardDesired.Diff(literal, Private, InSync(literal, Roamed))); // roaming is not fought
    }

    [Fact]
    public void A_dns_endpoint_is_left_to_the_ddns_watcher()
    {
        Assert.Equal("wro.lab.example.net", Wro.EndpointHost);
        var none = InSync(_plan) with { Peers = [InSync(_plan).Peers[0] with { Endpoint = null }] };

        Assert.Null(WireGuardDesired.LiteralEndpoint(Wro));
        Assert.Null(WireGuardDesired.Diff(_plan, Private, none));
    }

    [Fact]
    public void A_new_private_key_or_port_changes_only_that()
    {
        var status = InSync(_plan) with { PrivateKey = Stranger, ListenPort = 4242 };

        var change = WireGuardDesired.Diff(_plan, Private, status)!;

        Assert.Equal(Private, change.PrivateKey);
        Assert.Equal((ushort)_plan.ListenPort, change.ListenPort);
        Assert.Empty(change.Peers);
        Assert.DoesNotContain(Private.ToBase64(), WireGuardDesired.Describe(change), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void A_changed_keepalive_is_set(int keepalive)
    {
        var status = InSync(_plan) with { Peers = [InSync(_plan).Peers[0] with { PersistentKeepalive = 99 }] };

        var peer = Assert.Single(WireGuardDesired.Diff(WithPeer(_plan, Wro with { PersistentKeepalive = keepalive }), Private, status)!.Peers);

        Assert.Equal((ushort)keepalive, peer.PersistentKeepalive);
        Assert.False(peer.ReplaceAllowedIps);
    }

    [Fact]
    public void A_literal_endpoint_edited_in_the_spec_replaces_the_devices_endpoint()
    {
        var before = WithPeer(_plan, Wro with { EndpointHost = "192.0.2.2", EndpointPort = 51820 });
        var after = WithPeer(_plan, Wro with { EndpointHost = "192.0.2.3", EndpointPort = 51821 });

        var peer = Assert.Single(WireGuardDesired.Diff(after, Private, InSync(before), applied: before)!.Peers);

        Assert.Equal(IPEndPoint.Parse("192.0.2.3:51821"), peer.Endpoint!.Value.ToIPEndPoint());
        Assert.False(peer.ReplaceAllowedIps);
    }

    [Fact]
    public void An_unchanged_literal_endpoint_does_not_fight_roaming_on_later_passes()
    {
        var literal = WithPeer(_plan, Wro with { EndpointHost = "192.0.2.2", EndpointPort = 51820 });

        Assert.Null(WireGuardDesired.Diff(literal, Private, InSync(literal, Roamed), applied: literal));
    }

    [Fact]
    public void A_dns_endpoint_turned_literal_is_set()
    {
        var literal = WithPeer(_plan, Wro with { EndpointHost = "192.0.2.2", EndpointPort = 51820 });

        var peer = Assert.Single(WireGuardDesired.Diff(literal, Private, InSync(_plan, Roamed), applied: _plan)!.Peers);

        Assert.Equal(IPEndPoint.Parse("192.0.2.2:51820"), peer.Endpoint!.Value.ToIPEndPoint());
    }
}

using System.Net;
using WireGuard.Conn;
using WireGuard.Device;

namespace WireGuard.Tests.Device;

public sealed class DeviceConfigTests
{
    [Fact]
    public void Status_reflects_what_was_set_without_leaking_through_ToString()
    {
        using var p = new DevicePair(start: false);
        var s = p.A.GetStatus();
        Assert.Equal(p.KeyA, s.PrivateKey);
        Assert.Equal(p.PubA, s.PublicKey);
        Assert.Equal(51820, s.ListenPort);
        var peer = Assert.Single(s.Peers);
        Assert.Equal(p.PubB, peer.PublicKey);
        Assert.Equal(MemoryNetwork.Endpoint("192.0.2.2", 51821), peer.Endpoint);
        Assert.Equal([IPNetwork.Parse("10.0.0.2/32"), IPNetwork.Parse("fd00::2/128")], peer.AllowedIps);
        Assert.Null(peer.LastHandshake);
        Assert.DoesNotContain(p.KeyA.ToBase64(), s.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Port_in_use_fails_with_errno_98_and_changes_nothing()
    {
        using var p = new DevicePair();
        using var squatter = new MemoryBind(p.Net, IPAddress.Parse("192.0.2.1"));
        squatter.Open(51999);
        var change = new DeviceConfigChange { ListenPort = 51999, Fwmark = 7 };
        change.Peers.Add(new PeerConfigChange(DevicePair.PublicOf(DevicePair.NewKey())));
        var ex = Assert.Throws<WireGuardConfigException>(() => p.A.Apply(change));
        Assert.Equal(98, ex.Errno);
        var s = p.A.GetStatus();
        Assert.Equal(51820, s.ListenPort);
        Assert.Equal(0u, s.Fwmark);
        Assert.Single(s.Peers);
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
    }

    [Fact]
    public void Listen_port_change_reopens_the_bind_and_traffic_continues()
    {
        using var p = new DevicePair();
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        p.A.Apply(new DeviceConfigChange { ListenPort = 51830, Fwmark = 0x51 });
        Assert.Equal(51830, p.A.GetStatus().ListenPort);
        Assert.Equal(0x51u, p.BindA.Mark);
        Assert.Equal(ping, p.AToB(ping));
        Assert.Equal(MemoryNetwork.Endpoint("192.0.2.1", 51830), p.PeerOf(p.B).Endpoint);
        var pong = DevicePair.Ipv4("10.0.0.2", "10.0.0.1", 84);
        Assert.Equal(pong, p.BToA(pong));
    }

    [Fact]
    public void Invalid_peer_is_refused_before_anything_changes()
    {
        using var p = new DevicePair(start: false);
        var change = new DeviceConfigChange { ListenPort = 1234 };
        change.Peers.Add(new PeerConfigChange(default));
        var ex = Assert.Throws<WireGuardConfigException>(() => p.A.Apply(change));
        Assert.Equal(22, ex.Errno);
        Assert.Contains("public_key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(51820, p.A.GetStatus().ListenPort);
    }

    [Fact]
    public void Allowed_ip_moves_between_peers_and_replace_allowed_ips_replaces()
    {
        using var p = new DevicePair(start: false);
        var c = DevicePair.PublicOf(DevicePair.NewKey());
        var change = new DeviceConfigChange();
        var pc = new PeerConfigChange(c);
        pc.AllowedIps.Add(IPNetwork.Parse("10.0.0.2/32"));
        pc.AllowedIps.Add(IPNetwork.Parse("10.5.0.0/16"));
        change.Peers.Add(pc);
        p.A.Apply(change);
        var peers = p.A.GetStatus().Peers.ToDictionary(x => x.PublicKey);
        Assert.Equal([IPNetwork.Parse("fd00::2/128")], peers[p.PubB].AllowedIps);
        Assert.Equal(2, peers[c].AllowedIps.Count);

        var replace = new DeviceConfigChange();
        var rc = new PeerConfigChange(c) { ReplaceAllowedIps = true };
        rc.AllowedIps.Add(IPNetwork.Parse("10.6.0.0/16"));
        replace.Peers.Add(rc);
        p.A.Apply(replace);
        peers = p.A.GetStatus().Peers.ToDictionary(x => x.PublicKey);
        Assert.Equal([IPNetwork.Parse("10.6.0.0/16")], peers[c].AllowedIps);
    }

    [Fact]
    public void Remove_update_only_and_replace_peers()
    {
        using var p = new DevicePair(start: false);
        var c = DevicePair.PublicOf(DevicePair.NewKey());
        var d = DevicePair.PublicOf(DevicePair.NewKey());

        var upd = new DeviceConfigChange();
        upd.Peers.Add(new PeerConfigChange(c) { UpdateOnly = true });
        p.A.Apply(upd);
        Assert.Single(p.A.GetStatus().Peers);

        var add = new DeviceConfigChange();
        add.Peers.Add(new PeerConfigChange(c));
        add.Peers.Add(new PeerConfigChange(d));
        p.A.Apply(add);
        Assert.Equal(3, p.A.GetStatus().Peers.Count);

        var rm = new DeviceConfigChange();
        rm.Peers.Add(new PeerConfigChange(c) { Remove = true });
        p.A.Apply(rm);
        Assert.Equal(2, p.A.GetStatus().Peers.Count);

        var replace = new DeviceConfigChange { ReplacePeers = true };
        replace.Peers.Add(new PeerConfigChange(d) { PersistentKeepalive = 0 });
        p.A.Apply(replace);
        Assert.Equal(d, Assert.Single(p.A.GetStatus().Peers).PublicKey);
    }

    [Fact]
    public void Own_public_key_is_never_a_peer_and_clearing_the_private_key_works()
    {
        using var p = new DevicePair(start: false);
        var self = new DeviceConfigChange();
        self.Peers.Add(new PeerConfigChange(p.PubA));
        p.A.Apply(self);
        Assert.Single(p.A.GetStatus().Peers);

        p.A.Apply(new DeviceConfigChange { PrivateKey = new WireGuard.Key(new byte[32]) });
        Assert.Null(p.A.GetStatus().PrivateKey);
        Assert.Null(p.A.PublicKey);
    }

    [Fact]
    public void Private_key_change_forces_a_new_handshake()
    {
        using var p = new DevicePair();
        var ping = DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 84);
        Assert.Equal(ping, p.AToB(ping));
        var newKey = DevicePair.NewKey();
        p.A.Apply(new DeviceConfigChange { PrivateKey = newKey });
        var fix = new DeviceConfigChange { ReplacePeers = true };
        var pa = new PeerConfigChange(DevicePair.PublicOf(newKey));
        pa.AllowedIps.Add(IPNetwork.Parse("10.0.0.1/32"));
        fix.Peers.Add(pa);
        p.B.Apply(fix);
        Assert.Equal(ping, p.AToB(ping));
    }
}

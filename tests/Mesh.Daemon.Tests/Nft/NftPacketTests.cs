using Mesh.Daemon.Nft;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace Mesh.Daemon.Tests.Nft;

/// <summary>
/// The rendered table in a namespace where a veth named wg0 stands in for the WireGuard device: BGP and VXLAN from
/// the peer VTEP pass, from another address on the tunnel or from the uplink they are dropped.
/// </summary>
public sealed class NftPacketTests
{
    private const string Node = "10.1.0.1";
    private const string PeerVtep = "10.2.0.1";
    private const string NonPeer = "10.2.0.99";
    private const string Outsider = "192.0.2.2";

    [Fact]
    public async Task Bgp_and_vxlan_pass_only_from_peer_vteps_over_wireguard()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("nft", "ip", "python3");
        using var node = NetNs.Create("fw");
        using var tunnel = NetNs.Create("fw");
        using var uplink = NetNs.Create("fw");
        NetNs.Veth(node, "wg0", tunnel, "p0");
        node.Ip("addr", "add", $"{Node}/8", "dev", "wg0");
        tunnel.Ip("addr", "add", $"{PeerVtep}/8", "dev", "p0");
        tunnel.Ip("addr", "add", $"{NonPeer}/8", "dev", "p0");
        NetNs.Veth(node, "up0", uplink, "u0");
        node.Ip("addr", "add", "192.0.2.1/24", "dev", "up0");
        uplink.Ip("addr", "add", $"{Outsider}/24", "dev", "u0");
        uplink.Ip("route", "add", $"{Node}/32", "via", "192.0.2.1");
        using var probe = new PacketProbe(node);

        // control: without meshd's table everything gets through, so a failure below is the table's doing
        Assert.True(PacketProbe.TcpConnects(tunnel, NonPeer, Node, 179), "control: TCP 179 from the non-peer should pass without the table");
        Assert.True(PacketProbe.TcpConnects(uplink, Outsider, Node, 179), "control: TCP 179 from the uplink should pass without the table");

        var nft = new NftApplier(new NftOptions { NetworkNamespace = node.Name }, NullLogger<NftApplier>.Instance);
        Assert.Equal(NftApplyOutcome.Loaded, await nft.ApplyAsync(NftPlans.Roz(), TestContext.Current.CancellationToken));

        Assert.True(PacketProbe.TcpConnects(tunnel, PeerVtep, Node, 179), "BGP from the peer VTEP must pass");
        Assert.False(PacketProbe.TcpConnects(tunnel, NonPeer, Node, 179), "BGP from a non-peer on the tunnel must be dropped");
        Assert.False(PacketProbe.TcpConnects(uplink, Outsider, Node, 179), "BGP to the VTEP from the uplink must be dropped");

        PacketProbe.SendUdp(tunnel, NonPeer, Node, 4789);
        PacketProbe.SendUdp(uplink, Outsider, Node, 4789);
        PacketProbe.SendUdp(tunnel, PeerVtep, Node, 4789);
        Assert.True(probe.WaitFor($"udp {PeerVtep}"), "VXLAN from the peer VTEP must pass");
        Assert.False(probe.Saw($"udp {NonPeer}"), "VXLAN from a non-peer on the tunnel must be dropped");
        Assert.False(probe.Saw($"udp {Outsider}"), "VXLAN to the VTEP from the uplink must be dropped");
    }
}

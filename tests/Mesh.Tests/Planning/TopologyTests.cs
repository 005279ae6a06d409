using System.Net;
using Mesh.Model;
using Mesh.Planning;
using Mesh.Tests.Spec;

namespace Mesh.Tests.Planning;

/// <summary>Peers, allowed IPs, BGP neighbours and SDN objects per topology.</summary>
public sealed class TopologyTests
{
    private static readonly IPAddress Roz1 = IPAddress.Parse("10.1.0.1");
    private static readonly IPAddress Wro1 = IPAddress.Parse("10.2.0.1");

    [Fact]
    public void Seed_roz1_plan_has_the_acceptance_figures()
    {
        var plan = Planner.Plan(PlanFixtures.Example("two-sites.yaml"), "roz1");

        Assert.Equal(1440, plan.WireGuard.Mtu);
        Assert.Equal(1390, plan.Mtu.OverlayMtu);
        var peer = Assert.Single(plan.WireGuard.Peers);
        Assert.Equal(("wro1", "wro", "wro.example.net", 51820), (peer.Name, peer.Site, peer.EndpointHost, peer.EndpointPort));
        Assert.Equal([IPNetwork.Parse("10.2.0.0/16"), IPNetwork.Parse("10.2.0.1/32")], peer.AllowedIps);
        Assert.Equal([Roz1, Wro1], plan.Sdn!.Controller.Peers);
        Assert.Equal("evpnctl", plan.Sdn.Controller.Id);
        Assert.Equal("crossite-10.1.1.0-24", Assert.Single(plan.Sdn.Subnets).Id);
        Assert.Equal(["roz1"], plan.Sdn.Zone.ExitNodes);
        Assert.False(plan.Sdn.Zone.ExitNodesLocalRouting);
        Assert.Equal([Wro1], plan.Evpn.Neighbors);
        Assert.Equal(16, plan.WireGuard.PrefixLength);
        Assert.Null(plan.Links);
    }

    [Fact]
    public void Native_node_gets_devices_named_like_proxmox()
    {
        var plan = Planner.Plan(PlanFixtures.Example("lab.yaml"), "wro1");

        var links = plan.Links!;
        Assert.Equal("vrf_crossite", links.Vrf.Name.Value);
        Assert.Equal("vrfbr_crossite", links.VrfBridge.Name.Value);
        Assert.Equal("vrfvx_crossite", links.VrfVxlan.Name.Value);
        Assert.Equal(99999, links.VrfVxlan.Vni.Value);
        var vx = Assert.Single(links.Vxlans);
        Assert.Equal(("vxlan_crossvnt", 100000, Wro1, 4789, false, true, "crossvnt"), (vx.Name.Value, vx.Vni.Value, vx.Local, vx.DstPort, vx.Learning, vx.NeighborSuppression, vx.Master));
        var br = Assert.Single(links.Bridges);
        Assert.Equal(("crossvnt", 1390), (br.Name.Value, br.Mtu));
        Assert.Equal(["10.2.1.1/24"], br.Addresses);
        Assert.Null(plan.Sdn);
        Assert.Equal(Dataplane.Userspace, plan.Dataplane);
    }

    [Fact]
    public void Route_reflector_mode_peers_bgp_only_with_the_reflector()
    {
        var spec = PlanFixtures.Example("multi-site.yaml");
        var rr = IPAddress.Parse("10.9.0.1");

        var pve1 = Planner.Plan(spec, "pve1");
        var rr1 = Planner.Plan(spec, "rr1");

        Assert.Equal([rr], pve1.Evpn.Neighbors);
        Assert.Equal([rr], pve1.Sdn!.Controller.Peers);
        Assert.True(rr1.Evpn.RouteReflector);
        Assert.Empty(rr1.Evpn.Neighbors);
        Assert.Equal(4, rr1.Evpn.RouteReflectorClients.Count);
        Assert.DoesNotContain(rr, rr1.Evpn.RouteReflectorClients);
        Assert.Equal(4, rr1.Evpn.ListenRanges.Count);
        Assert.Empty(rr1.Evpn.Vnets);
        Assert.Null(rr1.Links);
        Assert.DoesNotContain(rr1.Sysctls, s => s.Key.StartsWith("net.bridge", StringComparison.Ordinal));
        // WireGuard stays a full mesh: VXLAN flows directly between VTEPs
        Assert.Equal(4, pve1.WireGuard.Peers.Count);
    }

    [Fact]
    public void Gateways_mode_peers_across_sites_only_through_gateways()
    {
        var yaml = TestSpec.Edit(
            "sites:\n=>topology:\n  mode: gateways\nsites:\n",
            "    exit-nodes: [roz1]\n=>    exit-nodes: [roz1]\n    gateways: [roz1]\n",
            "    exit-nodes: [wro1]\n=>    exit-nodes: [wro1]\n    gateways: [wro1]\n",
            "roz.example.net:51820\n=>roz.example.net:51820\n      roz2:\n        role: native\n        address: 10.1.0.2\n        public-key: " + TestSpec.Key3 + "\n");
        var spec = PlanFixtures.Valid(yaml);

        var roz2 = Planner.Plan(spec, "roz2");
        var roz1 = Planner.Plan(spec, "roz1");
        var wro1 = Planner.Plan(spec, "wro1");

        var viaGateway = Assert.Single(roz2.WireGuard.Peers);
        Assert.Equal("roz1", viaGateway.Name);
        Assert.Equal([IPNetwork.Parse("10.1.0.1/32"), IPNetwork.Parse("10.2.0.0/16")], viaGateway.AllowedIps);
        Assert.Equal([IPNetwork.Parse("10.2.0.0/16")], roz2.WireGuard.Routes);
        Assert.Equal(["roz2", "wro1"], roz1.WireGuard.Peers.Select(p => p.Name));
        Assert.Equal(["roz1"], wro1.WireGuard.Peers.Select(p => p.Name));
        Assert.Contains(IPNetwork.Parse("10.1.0.0/16"), wro1.WireGuard.Peers[0].AllowedIps);
        // iBGP stays a full mesh between VTEPs; the gateways forward it
        Assert.Equal([IPAddress.Parse("10.1.0.1"), IPAddress.Parse("10.2.0.1")], roz2.Evpn.Neighbors);
    }

    [Fact]
    public void Unknown_node_is_a_plan_exception_naming_the_known_nodes()
    {
        var e = Assert.Throws<PlanException>(() => Planner.Plan(PlanFixtures.Example("two-sites.yaml"), "nope"));

        Assert.Contains("roz1, wro1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sysctls_are_sorted_and_complete()
    {
        var plan = Planner.Plan(PlanFixtures.Example("two-sites.yaml"), "wro1");

        Assert.Equal(
            ["net.bridge.bridge-nf-call-ip6tables=1", "net.bridge.bridge-nf-call-iptables=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0", "net.ipv4.ip_forward=1"],
            plan.Sysctls.Select(s => $"{s.Key}={s.Value}"));
    }

    [Fact]
    public void Private_key_path_is_a_placeholder_never_a_key()
    {
        var plan = Planner.Plan(PlanFixtures.Example("two-sites.yaml"), "roz1");

        Assert.Equal(Planner.PrivateKeyPath, plan.WireGuard.PrivateKeyPath);
        Assert.StartsWith("/", plan.WireGuard.PrivateKeyPath, StringComparison.Ordinal);
    }
}

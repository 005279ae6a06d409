using System.Net;

namespace Frr.Tests;

public sealed class EvpnConfigBuilderTests
{
    private static EvpnNodeConfig Vps => new()
    {
        Hostname = "vps1",
        FrrVersion = "8.4.4",
        Asn = 65010,
        RouterId = IPAddress.Parse("198.51.100.10"),
        LocalVtep = IPAddress.Parse("198.51.100.10"),
        Peers = [IPAddress.Parse("198.51.100.1"), IPAddress.Parse("198.51.100.10"), IPAddress.Parse("198.51.100.2")],
        Vrfs = [new EvpnVrf("blue", 2000, AdvertiseSubnets: true)],
        L2Vnis = [200, 201],
    };

    [Fact]
    public void Full_mesh_node_with_wan_timers_and_bfd_profile() =>
        Snapshot.Match("native/full_mesh.conf", EvpnConfigBuilder.Render(Vps with
        {
            Bfd = true,
            BfdProfile = new BfdProfile("wan", 3, 300, 300),
        }));

    [Fact]
    public void Route_reflector_with_listen_range() =>
        Snapshot.Match("native/route_reflector.conf", EvpnConfigBuilder.Render(Vps with
        {
            Hostname = "rr1",
            Peers = [IPAddress.Parse("198.51.100.1")],
            RouteReflector = new EvpnRouteReflector([IPNetwork.Parse("10.99.0.0/24")], IPAddress.Parse("10.99.255.1")),
            Vrfs = [],
        }));

    [Fact]
    public void Exit_node_null_routes_other_zones() =>
        Snapshot.Match("native/exit_node.conf", EvpnConfigBuilder.Render(Vps with
        {
            Hostname = "gw1",
            Vrfs =
            [
                new EvpnVrf("blue", 2000, ExitNode: true, OtherZoneSubnets: [IPNetwork.Parse("fd00:30::/64"), IPNetwork.Parse("10.3.0.0/16")]),
                new EvpnVrf("red", 3000, ExitNode: true, SecondaryExitNode: true, OtherZoneSubnets: [IPNetwork.Parse("10.20.0.0/24")]),
            ],
        }));

    [Fact]
    public void Matches_what_proxmox_renders_for_the_same_zone()
    {
        // the same zone as a Proxmox running config: a native node must render the Proxmox lines
        const string json = """
            {"controllers":{"ids":{"evpnctl":{"type":"evpn","asn":"65010","peers":"198.51.100.1,198.51.100.2,198.51.100.10"}}},
             "zones":{"ids":{"blue":{"type":"evpn","controller":"evpnctl","vrf-vxlan":2000,"advertise-subnets":1}}}}
            """;
        var pve = PveEvpn.RenderFromRunningConfig(json, "vps1", IPAddress.Parse("198.51.100.10"), "8.4.4");
        var native = EvpnConfigBuilder.Render(Vps with { Bfd = true, Timers = null });
        Assert.Equal(pve, native);
    }

    [Fact]
    public void Without_bfd_no_bfd_line_but_wan_timers()
    {
        var text = EvpnConfigBuilder.Render(Vps);
        Assert.DoesNotContain("bfd", text, StringComparison.Ordinal);
        Assert.Contains(" neighbor VTEP timers 10 30\n neighbor VTEP timers connect 10\n", text, StringComparison.Ordinal);
        Assert.Equal(["bgpd"], FrrApplier.RequiredDaemons(EvpnConfigBuilder.Build(Vps)));
        Assert.Equal(["bgpd", "bfdd"], FrrApplier.RequiredDaemons(EvpnConfigBuilder.Build(Vps with { Bfd = true })));
    }

    [Fact]
    public void Validation_reports_every_error_with_its_field()
    {
        var bad = Vps with
        {
            Hostname = "",
            Asn = 0,
            RouterId = IPAddress.Parse("2001:db8::1"),
            Peers = [],
            Vrfs = [new EvpnVrf("b", 2000), new EvpnVrf("red", 0x1000000)],
            L2Vnis = [2000],
            BfdProfile = new BfdProfile("wan", 3, 300, 300),
        };
        var e = Assert.Throws<FrrException>(() => EvpnConfigBuilder.Build(bad));
        Assert.Equal(FrrErrorReason.InvalidConfig, e.Reason);
        foreach (var field in new[] { "hostname:", "asn:", "routerId:", "peers:", "vrfs.b:", "vrfs.red.l3vni:", "l2vnis: 2000", "bfdProfile:" })
        {
            Assert.Contains(field, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Equal_inputs_give_equal_models()
    {
        Assert.Equal(EvpnConfigBuilder.Build(Vps), EvpnConfigBuilder.Build(Vps));
        Assert.NotEqual(EvpnConfigBuilder.Build(Vps), EvpnConfigBuilder.Build(Vps with { Peers = [IPAddress.Parse("198.51.100.1")] }));
    }
}

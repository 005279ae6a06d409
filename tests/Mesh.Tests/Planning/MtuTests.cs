using Mesh.Model;
using Mesh.Planning;
using Mesh.Tests.Spec;

namespace Mesh.Tests.Planning;

/// <summary>MTUs from ARCHITECTURE.md: WireGuard −60 (IPv4) / −80 (IPv6), VXLAN −50 with IPv4 VTEPs.</summary>
public sealed class MtuTests
{
    [Theory]
    [InlineData(1500, "ipv4", 1440, 1390)]
    [InlineData(1500, "ipv6", 1420, 1370)]
    [InlineData(1492, "ipv4", 1432, 1382)]
    [InlineData(1492, "ipv6", 1412, 1362)]
    [InlineData(9000, "ipv4", 8940, 8890)]
    public void Wireguard_and_overlay_mtu_follow_the_underlay(int underlay, string family, int wg, int overlay)
    {
        var extra = $"\n        underlay-mtu: {underlay}\n        underlay-family: {family}\n";
        var spec = PlanFixtures.Valid(TestSpec.Edit(
            $"roz.example.net:51820\n=>roz.example.net:51820{extra}",
            $"wro.example.net:51820\n=>wro.example.net:51820{extra}"));

        var plan = Planner.Plan(spec, "roz1");

        Assert.Equal(underlay, plan.Mtu.UnderlayMtu);
        Assert.Equal(family == "ipv6" ? UnderlayFamily.Ipv6 : UnderlayFamily.Ipv4, plan.Mtu.OuterFamily);
        Assert.Equal(wg, plan.Mtu.WireGuardMtu);
        Assert.Equal(wg, plan.WireGuard.Mtu);
        Assert.Equal(overlay, plan.Mtu.OverlayMtu);
        Assert.Equal(overlay, plan.Sdn!.Zone.Mtu);
    }

    [Fact]
    public void Overlay_mtu_is_the_smallest_over_all_vteps()
    {
        var spec = PlanFixtures.Valid(TestSpec.Edit("wro.example.net:51820\n=>wro.example.net:51820\n        underlay-mtu: 1492\n"));

        var roz = Planner.Plan(spec, "roz1");
        var wro = Planner.Plan(spec, "wro1");

        Assert.Equal(1440, roz.Mtu.WireGuardMtu);
        Assert.Equal(1432, wro.Mtu.WireGuardMtu);
        Assert.Equal(1382, roz.Mtu.OverlayMtu);
        Assert.Equal(1382, wro.Mtu.OverlayMtu);
        Assert.Equal(1382, wro.Links!.VrfBridge.Mtu);
    }

    [Fact]
    public void Literal_ipv6_endpoint_implies_an_ipv6_underlay()
    {
        var spec = PlanFixtures.Valid(TestSpec.Edit("roz.example.net:51820=>\"[2001:db8::1]:51820\""));

        Assert.Equal(1420, Planner.Plan(spec, "roz1").Mtu.WireGuardMtu);
    }

    [Fact]
    public void Explicit_overlay_mtu_overrides_the_computed_one()
    {
        var spec = PlanFixtures.Valid(TestSpec.Edit("    vni: 100000=>    vni: 100000\n  mtu: 1370"));

        Assert.Equal(1370, Planner.Plan(spec, "roz1").Mtu.OverlayMtu);
        Assert.Equal(1440, Planner.Plan(spec, "roz1").Mtu.WireGuardMtu);
    }
}

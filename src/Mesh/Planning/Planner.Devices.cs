using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

public static partial class Planner
{
    private static LinksPlan PlanLinks(MeshSpec spec, EvpnPlan evpn, int overlayMtu)
    {
        var zone = spec.Overlay.Zone.Value;
        var vrf = Name(evpn.Vrf);
        var vrfBridge = new BridgeDevice(Name($"vrfbr_{zone}"), evpn.Vrf, overlayMtu, EquatableArray<string>.Empty);
        var vrfVxlan = new VxlanDevice(Name($"vrfvx_{zone}"), evpn.L3Vni, evpn.VtepIp, VxlanPort, false, false, vrfBridge.Name.Value, overlayMtu);
        var bridges = evpn.Vnets.Select(v => new BridgeDevice(
            Name(v.Id.Value),
            evpn.Vrf,
            overlayMtu,
            EquatableArray.Sorted(v.Subnets.Select(s => $"{s.Gateway}/{s.Cidr.PrefixLength}"), StringComparer.Ordinal)));
        var vxlans = evpn.Vnets.Select(v => new VxlanDevice(
            Name($"vxlan_{v.Id}"), v.Vni, evpn.VtepIp, VxlanPort, false, evpn.ArpNdSuppression, v.Id.Value, overlayMtu));
        return new LinksPlan(
            new VrfDevice(vrf),
            vrfBridge,
            vrfVxlan,
            EquatableArray.SortedBy(bridges, b => b.Name.Value),
            EquatableArray.SortedBy(vxlans, x => x.Name.Value));
    }

    private static SdnPlan PlanSdn(MeshSpec spec, MeshIndex mesh, SiteSpec site, int overlayMtu)
    {
        var o = spec.Overlay;
        var peers = mesh.RouteReflectors.Count == 0 ? mesh.Vteps : mesh.RouteReflectors;
        var subnets = site.Subnets.Select(s => new SdnSubnet($"{o.Zone}-{s.Cidr.BaseAddress}-{s.Cidr.PrefixLength}", s.Cidr, s.Gateway, s.Snat));
        return new SdnPlan(
            new SdnController(o.Controller, "evpn", spec.Mesh.Asn, peers),
            new SdnZone(o.Zone, "evpn", o.Controller, o.VrfVni, site.ExitNodes, false, o.AdvertiseSubnets, o.DisableArpNdSuppression, overlayMtu, "pve"),
            new SdnVnet(o.Vnet.Id, o.Zone, o.Vnet.Vni, o.Vnet.Alias),
            EquatableArray.From(subnets));
    }

    private static InterfaceName Name(string text) =>
        InterfaceName.TryParse(text, out var name) ? name : throw new PlanException($"'{text}' is not a valid interface name; shorten the zone or vnet id");
}

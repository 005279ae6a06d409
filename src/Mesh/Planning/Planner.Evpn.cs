using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

public static partial class Planner
{
    private static EvpnPlan PlanEvpn(MeshSpec spec, SiteSpec site, NodeSpec node)
    {
        var overlay = spec.Overlay;
        var vteps = Vteps(spec);
        var rrs = RouteReflectorAddresses(spec);
        var isRr = node.Role == NodeRole.RouteReflector;
        IEnumerable<IPAddress> neighbors = rrs.Count == 0 ? vteps : rrs;
        var subnets = EquatableArray.From(site.Subnets.Select(s => new SubnetPlan(s.Cidr, s.Gateway, s.Snat)));
        return new EvpnPlan(
            spec.Mesh.Asn,
            node.Address,
            node.Address,
            isRr,
            EquatableArray.Sorted(neighbors.Where(a => !a.Equals(node.Address)), NetworkOrder.Addresses),
            isRr ? EquatableArray.Sorted(vteps, NetworkOrder.Addresses) : EquatableArray<IPAddress>.Empty,
            isRr ? EquatableArray.Sorted(spec.Sites.Select(s => s.Range), NetworkOrder.Networks) : EquatableArray<IPNetwork>.Empty,
            VrfName(overlay.Zone),
            overlay.VrfVni,
            isRr ? EquatableArray<EvpnVnet>.Empty : EquatableArray.From([new EvpnVnet(overlay.Vnet.Id, overlay.Vnet.Vni, subnets)]),
            !isRr && site.ExitNodes.Contains(node.Name),
            overlay.AdvertiseSubnets,
            !overlay.DisableArpNdSuppression);
    }

    /// <summary>WireGuard addresses of every VTEP (every node that is not a route reflector), sorted.</summary>
    private static EquatableArray<IPAddress> Vteps(MeshSpec spec) =>
        EquatableArray.Sorted(spec.AllNodes.Where(p => p.Node.Role != NodeRole.RouteReflector).Select(p => p.Node.Address), NetworkOrder.Addresses);

    private static EquatableArray<IPAddress> RouteReflectorAddresses(MeshSpec spec) =>
        EquatableArray.Sorted(
            spec.AllNodes.Where(p => spec.Topology.RouteReflectors.Contains(p.Node.Name)).Select(p => p.Node.Address),
            NetworkOrder.Addresses);

    private static string VrfName(SdnId zone) => $"vrf_{zone}";
}

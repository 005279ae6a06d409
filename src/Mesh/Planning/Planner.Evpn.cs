using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

public static partial class Planner
{
    private static EvpnPlan PlanEvpn(MeshSpec spec, MeshIndex mesh, SiteSpec site, NodeSpec node)
    {
        var overlay = spec.Overlay;
        var vteps = mesh.Vteps;
        var rrs = mesh.RouteReflectors;
        var isRr = node.Role == NodeRole.RouteReflector;

        // both lists are sorted already: leaving the node out keeps the order, no second sort needed
        var neighbors = rrs.Count == 0 ? vteps : rrs;
        var subnets = EquatableArray.From(site.Subnets.Select(s => new SubnetPlan(s.Cidr, s.Gateway, s.Snat)));
        return new EvpnPlan(
            spec.Mesh.Asn,
            node.Address,
            node.Address,
            isRr,
            EquatableArray.From(neighbors.Where(a => !a.Equals(node.Address))),
            isRr ? vteps : EquatableArray<IPAddress>.Empty,
            isRr ? PlanOrder.Networks(spec.Sites.Select(s => s.Range)) : EquatableArray<IPNetwork>.Empty,
            VrfName(overlay.Zone),
            overlay.VrfVni,
            isRr ? EquatableArray<EvpnVnet>.Empty : EquatableArray.From([new EvpnVnet(overlay.Vnet.Id, overlay.Vnet.Vni, subnets)]),
            !isRr && site.ExitNodes.Contains(node.Name),
            overlay.AdvertiseSubnets,
            !overlay.DisableArpNdSuppression);
    }

    private static string VrfName(SdnId zone) => $"vrf_{zone}";
}

using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

public static partial class Planner
{
    private static WireGuardPlan PlanWireGuard(MeshSpec spec, SiteSpec site, NodeSpec node, int mtu)
    {
        var wg = spec.Mesh.WireGuard;
        var peers = new List<WireGuardPeerPlan>();
        foreach (var (peerSite, peer) in spec.AllNodes.Where(p => p.Node.Name != node.Name && Peers(spec, site, node, p.Site, p.Node)))
        {
            var allowed = new List<IPNetwork> { new(peer.Address, 32) };
            if (peerSite.Name != site.Name && PrimaryGateway(spec, peerSite) == peer.Name)
            {
                allowed.Add(peerSite.Range);
            }

            if (spec.Topology.Mode == TopologyMode.Gateways && peerSite.Name == site.Name
                && !site.Gateways.Contains(node.Name) && PrimaryGateway(spec, site) == peer.Name)
            {
                allowed.AddRange(spec.Sites.Where(s => s.Name != site.Name).Select(s => s.Range));
            }

            peers.Add(new WireGuardPeerPlan(
                peer.Name,
                peerSite.Name,
                peer.PublicKey,
                peer.Endpoint?.Host,
                peer.Endpoint?.Port,
                EquatableArray.Sorted(allowed.Distinct(), NetworkOrder.Networks),
                wg.PersistentKeepalive));
        }

        var outside = peers.SelectMany(p => p.AllowedIps).Where(n => !site.Range.Contains(n.BaseAddress)).Distinct().ToList();
        var routes = outside.Where(n => !outside.Any(o => o.PrefixLength < n.PrefixLength && o.Contains(n.BaseAddress)));
        return new WireGuardPlan(
            wg.Interface,
            node.Address,
            site.Range.PrefixLength,
            wg.ListenPort,
            PrivateKeyPath,
            mtu,
            EquatableArray.SortedBy(peers, p => p.Name),
            EquatableArray.Sorted(routes, NetworkOrder.Networks));
    }

    /// <summary>Whether two nodes are WireGuard peers under the topology.</summary>
    private static bool Peers(MeshSpec spec, SiteSpec site, NodeSpec node, SiteSpec peerSite, NodeSpec peer)
    {
        if (spec.Topology.Mode != TopologyMode.Gateways || peerSite.Name == site.Name)
        {
            return true;
        }

        return site.Gateways.Contains(node.Name) && peerSite.Gateways.Contains(peer.Name);
    }

    /// <summary>The node that carries a site's whole range: the first gateway in gateways mode, or the only node of a one-node site.</summary>
    private static string? PrimaryGateway(MeshSpec spec, SiteSpec site) =>
        spec.Topology.Mode == TopologyMode.Gateways
            ? site.Gateways.FirstOrDefault()
            : site.Nodes.Count == 1 ? site.Nodes[0].Name : null;
}

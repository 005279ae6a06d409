using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

public static partial class Planner
{
    private static WireGuardPlan PlanWireGuard(MeshSpec spec, MeshIndex mesh, SiteSpec site, NodeSpec node, int mtu)
    {
        var wg = spec.Mesh.WireGuard;
        var gatewaysMode = spec.Topology.Mode == TopologyMode.Gateways;

        // in gateways mode a non-gateway node reaches every other site through its site's primary gateway
        var viaPrimary = gatewaysMode && !site.Gateways.Contains(node.Name) ? PrimaryGateway(spec, site) : null;
        List<IPNetwork>? otherRanges = null;
        var peers = new List<WireGuardPeerPlan>(mesh.All.Count);
        foreach (var (peerSite, peer) in mesh.All)
        {
            if (peer.Name == node.Name || !Peers(spec, site, node, peerSite, peer))
            {
                continue;
            }

            var host = new IPNetwork(peer.Address, 32);
            var carriesRange = peerSite.Name != site.Name && PrimaryGateway(spec, peerSite) == peer.Name;
            var carriesOthers = viaPrimary is not null && peerSite.Name == site.Name && viaPrimary == peer.Name;
            EquatableArray<IPNetwork> allowedIps;
            if (!carriesRange && !carriesOthers)
            {
                allowedIps = new([host]); // the common case: nothing to merge or sort
            }
            else
            {
                var allowed = new List<IPNetwork> { host };
                if (carriesRange)
                {
                    allowed.Add(peerSite.Range);
                }

                if (carriesOthers)
                {
                    allowed.AddRange(otherRanges ??= [.. spec.Sites.Where(s => s.Name != site.Name).Select(s => s.Range)]);
                }

                allowedIps = PlanOrder.Networks(allowed.Distinct());
            }

            peers.Add(new WireGuardPeerPlan(
                peer.Name,
                peerSite.Name,
                peer.PublicKey,
                peer.Endpoint?.Host,
                peer.Endpoint?.Port,
                allowedIps,
                wg.PersistentKeepalive));
        }

        return new WireGuardPlan(
            wg.Interface,
            node.Address,
            site.Range.PrefixLength,
            wg.ListenPort,
            PrivateKeyPath,
            mtu,
            EquatableArray.SortedBy(peers, p => p.Name),
            PlanOrder.Networks(Routes(site, peers)));
    }

    /// <summary>
    /// The peers' allowed IPs outside the site's range, without those another of them already covers (a host of a
    /// routed site range needs no route of its own). Was a test of every network against every other one, the
    /// quadratic part of a plan; now one set lookup per shorter prefix length present.
    /// </summary>
    private static List<IPNetwork> Routes(SiteSpec site, List<WireGuardPeerPlan> peers)
    {
        var outside = new HashSet<IPNetwork>();
        foreach (var p in peers)
        {
            foreach (var n in p.AllowedIps)
            {
                if (!site.Range.Contains(n.BaseAddress))
                {
                    outside.Add(n);
                }
            }
        }

        // only a network shorter than the longest one present can cover another: usually a few site ranges among hosts
        var longest = 0;
        foreach (var n in outside)
        {
            longest = Math.Max(longest, n.PrefixLength);
        }

        var keys = new HashSet<(int Family, UInt128 Address, int Prefix)>();
        var prefixes = new SortedSet<(int Family, int Prefix)>();
        foreach (var n in outside)
        {
            if (n.PrefixLength < longest)
            {
                var family = (int)n.BaseAddress.AddressFamily;
                keys.Add((family, NetworkSortKey.Number(n.BaseAddress, out _), n.PrefixLength));
                prefixes.Add((family, n.PrefixLength));
            }
        }

        var routes = new List<IPNetwork>(outside.Count);
        foreach (var n in outside)
        {
            var covered = false;
            if (prefixes.Count > 0)
            {
                var family = (int)n.BaseAddress.AddressFamily;
                var address = NetworkSortKey.Number(n.BaseAddress, out var length);
                foreach (var (f, prefix) in prefixes)
                {
                    if (f == family && prefix < n.PrefixLength && keys.Contains((family, Mask(address, length * 8, prefix), prefix)))
                    {
                        covered = true;
                        break;
                    }
                }
            }

            if (!covered)
            {
                routes.Add(n);
            }
        }

        return routes;
    }

    /// <summary>The first <paramref name="prefix"/> bits of an address of <paramref name="bits"/> bits.</summary>
    private static UInt128 Mask(UInt128 address, int bits, int prefix) =>
        prefix == 0 ? UInt128.Zero : address & ~((UInt128.One << (bits - prefix)) - 1);

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

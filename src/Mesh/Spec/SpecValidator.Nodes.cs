using System.Net;
using Mesh.Model;

namespace Mesh.Spec;

internal static partial class SpecValidator
{
    private static void ValidateNodes(MeshSpec spec, Checker v)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var addresses = new Dictionary<IPAddress, string>();
        var keys = new Dictionary<WireGuardKey, string>();
        var withoutEndpoint = new List<string>();

        // file order matters for "first declared wins", so walk nodes by position
        var ordered = spec.Sites
            .SelectMany(s => s.Nodes.Select(n => (Site: s, Node: n, Path: $"sites.{s.Name}.nodes.{n.Name}")))
            .OrderBy(x => v.Source.PositionOf(x.Path).Line).ThenBy(x => v.Source.PositionOf(x.Path).Column);
        foreach (var (site, node, path) in ordered)
        {
            if (!names.TryAdd(node.Name, site.Name))
            {
                v.Error(path, $"node name '{node.Name}' is already used in site {names[node.Name]}; node names must be unique across the mesh");
            }

            if (v.Valid($"{path}.address"))
            {
                ValidateAddress(site, node, path, v);
                if (!addresses.TryAdd(node.Address, node.Name))
                {
                    v.Error($"{path}.address", $"{node.Address} is already the address of node {addresses[node.Address]}; every node needs its own address");
                }
            }

            if (v.Valid($"{path}.public-key") && node.PublicKey.Base64.Length > 0 && !keys.TryAdd(node.PublicKey, node.Name))
            {
                v.Error($"{path}.public-key", $"the same public key is already used by node {keys[node.PublicKey]}; run 'meshctl keygen --out' on each node and use each node's own key");
            }

            if (node.Endpoint is null && v.Valid($"{path}.endpoint"))
            {
                withoutEndpoint.Add(node.Name);
            }
        }

        if (withoutEndpoint.Count > 1 && spec.Topology.Mode == TopologyMode.FullMesh)
        {
            var (site, node) = spec.FindNode(withoutEndpoint[1])!.Value;
            v.Warning($"sites.{site.Name}.nodes.{node.Name}", $"nodes {string.Join(", ", withoutEndpoint)} have no endpoint, so no two of them can reach each other directly; give at least one of each pair an endpoint");
        }
    }

    private static void ValidateAddress(SiteSpec site, NodeSpec node, string path, Checker v)
    {
        if (!v.Valid($"sites.{site.Name}.range"))
        {
            return;
        }

        if (!site.Range.Contains(node.Address))
        {
            v.Error($"{path}.address", $"{node.Address} is outside the site range {site.Range}; pick an address inside it");
        }
        else if (IsNetworkOrBroadcast(site.Range, node.Address))
        {
            v.Error($"{path}.address", $"{node.Address} is the network or broadcast address of {site.Range}; pick a host address");
        }

        foreach (var subnet in site.Subnets.Where(s => s.Cidr.Contains(node.Address)))
        {
            v.Error($"{path}.address", $"{node.Address} lies inside the overlay subnet {subnet.Cidr}; keep WireGuard addresses out of VM subnets");
        }
    }

    private static void ValidateTopology(MeshSpec spec, Checker v)
    {
        var mode = spec.Topology.Mode;
        var rrList = spec.Topology.RouteReflectors;
        if (mode == TopologyMode.RouteReflectors && rrList.Count == 0 && v.Valid("topology.route-reflectors"))
        {
            v.Error("topology.route-reflectors", "mode route-reflectors needs at least one route reflector; list node names with role route-reflector");
        }

        foreach (var name in rrList)
        {
            var found = spec.FindNode(name);
            if (found is null)
            {
                v.Error("topology.route-reflectors", $"'{name}' is not a node of the mesh");
            }
            else if (found.Value.Node.Role != NodeRole.RouteReflector)
            {
                v.Error("topology.route-reflectors", $"'{name}' has role {found.Value.Node.Role.ToString().ToLowerInvariant()}; set its role to route-reflector");
            }
        }

        foreach (var (site, node) in spec.AllNodes.Where(p => p.Node.Role == NodeRole.RouteReflector && !rrList.Contains(p.Node.Name)))
        {
            v.Error($"sites.{site.Name}.nodes.{node.Name}.role", $"node has role route-reflector but topology.route-reflectors does not list it; add it there (with mode route-reflectors or gateways)");
        }

        if (rrList.Count > 0 && mode == TopologyMode.FullMesh)
        {
            v.Error("topology.mode", "route reflectors are listed but mode is full-mesh; set mode: route-reflectors (or gateways)");
        }

        if (mode != TopologyMode.Gateways)
        {
            foreach (var site in spec.Sites.Where(s => s.Gateways.Count > 0))
            {
                v.Warning($"sites.{site.Name}.gateways", "gateways are only used with topology mode gateways; they are ignored");
            }

            return;
        }

        foreach (var site in spec.Sites.Where(s => s.Nodes.Count > 0 && s.Gateways.Count == 0 && v.Valid($"sites.{s.Name}.gateways")))
        {
            v.Error($"sites.{site.Name}", $"topology mode gateways needs gateways for every site; add 'gateways: [{site.Nodes[0].Name}]'");
        }

        foreach (var site in spec.Sites.Where(s => s.Gateways.Count > 0 && s.Nodes.Where(n => s.Gateways.Contains(n.Name)).All(n => n.Endpoint is null)))
        {
            v.Warning($"sites.{site.Name}.gateways", $"no gateway of site {site.Name} has an endpoint, so other sites cannot initiate tunnels to it; give a gateway an endpoint");
        }
    }
}

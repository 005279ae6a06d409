using System.Net;
using System.Net.Sockets;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Spec;

internal static partial class SpecBinder
{
    private static EquatableArray<SiteSpec> BindSites(BindContext ctx, Fields root)
    {
        var map = root.Mapping("sites", "add a 'sites:' mapping with at least one site");
        var sites = new List<SiteSpec>();
        foreach (var (key, value) in map?.Entries ?? [])
        {
            var path = $"sites.{key.Value}";
            ctx.Source.Record(path, key.Line, key.Column);
            if (!Names.IsValidName(key.Value))
            {
                ctx.Error(key, path, $"'{key.Value}' is not a valid site name (letters, digits and '-', at most 63 characters)");
            }

            if (value is not YMapping siteMap)
            {
                ctx.Invalid(value, path, $"expected the site's settings (range, nodes, ...), found {value.Kind}");
                continue;
            }

            sites.Add(BindSite(ctx, key.Value, siteMap, path));
        }

        return EquatableArray.SortedBy(sites, s => s.Name);
    }

    private static SiteSpec BindSite(BindContext ctx, string name, YMapping map, string path)
    {
        var f = new Fields(ctx, map, path, "range", "proxmox", "exit-nodes", "gateways", "subnets", "nodes");
        ctx.Source.Record(path, map.Line, map.Column);
        var range = f.Parse<IPNetwork>("range", ValueParsers.Cidr, "set the site's underlay range, e.g. range: 10.1.0.0/16");
        if (range is { } r && r.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            ctx.Invalid(f.Node("range")!, f.PathOf("range"), "the underlay range must be IPv4 (the WireGuard addresses are IPv4 VTEPs)");
        }

        var subnets = new List<SubnetSpec>();
        var seq = f.Sequence("subnets");
        for (var i = 0; seq is not null && i < seq.Items.Count; i++)
        {
            var sp = $"{path}.subnets[{i}]";
            ctx.Source.Record(sp, seq.Items[i].Line, seq.Items[i].Column);
            if (seq.Items[i] is not YMapping sm)
            {
                ctx.Invalid(seq.Items[i], sp, "expected a subnet mapping with cidr and gateway");
                continue;
            }

            var s = new Fields(ctx, sm, sp, "cidr", "gateway", "snat");
            var cidr = s.Parse<IPNetwork>("cidr", ValueParsers.Cidr, "set the subnet, e.g. cidr: 10.1.1.0/24");
            var gw = s.ParseRef<IPAddress>("gateway", ValueParsers.Ipv4, "set the subnet's gateway address, e.g. gateway: 10.1.1.1");
            var snat = s.Bool("snat", true);
            if (cidr is not null)
            {
                subnets.Add(new SubnetSpec(cidr.Value, gw ?? IPAddress.Any, snat));
            }
        }

        var nodes = new List<NodeSpec>();
        var nodesMap = f.Mapping("nodes", "add the site's nodes");
        foreach (var (key, value) in nodesMap?.Entries ?? [])
        {
            var np = $"{path}.nodes.{key.Value}";
            ctx.Source.Record(np, key.Line, key.Column);
            if (!Names.IsValidName(key.Value))
            {
                ctx.Error(key, np, $"'{key.Value}' is not a valid node name (letters, digits and '-', at most 63 characters; for Proxmox the PVE node name)");
            }

            if (value is YMapping nm)
            {
                nodes.Add(BindNode(ctx, key.Value, nm, np));
            }
            else
            {
                ctx.Invalid(value, np, $"expected the node's settings (role, address, public-key, ...), found {value.Kind}");
            }
        }

        return new SiteSpec(
            name,
            range ?? default,
            BindProxmox(ctx, f),
            EquatableArray.Sorted(f.ScalarList("exit-nodes").Select(x => x.Node.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal),
            EquatableArray.Sorted(f.ScalarList("gateways").Select(x => x.Node.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal),
            EquatableArray.Sorted(subnets, NetworkOrder.Subnets),
            EquatableArray.SortedBy(nodes, n => n.Name));
    }

    private static ProxmoxAccess? BindProxmox(BindContext ctx, Fields site)
    {
        var map = site.Mapping("proxmox");
        if (map is null)
        {
            return null;
        }

        var f = new Fields(ctx, map, site.PathOf("proxmox"), "url", "token-file", "fingerprint");
        var url = f.ParseRef<Uri>("url", ValueParsers.HttpsUrl, "set the API URL, e.g. url: https://pve1.example.net:8006");
        var token = f.ParseRef<string>("token-file", ValueParsers.AbsolutePath, "set the file holding the API token, e.g. token-file: /etc/meshd/site.token");
        var fingerprint = f.ParseRef<string>("fingerprint", ValueParsers.Fingerprint);
        return url is null || token is null ? null : new ProxmoxAccess(url, token, fingerprint);
    }

    private static NodeSpec BindNode(BindContext ctx, string name, YMapping map, string path)
    {
        var f = new Fields(ctx, map, path, "role", "dataplane", "address", "public-key", "endpoint", "underlay-mtu", "underlay-family");
        var roleNode = f.Scalar("role", "set role: proxmox, native or route-reflector");
        var role = roleNode?.Value switch
        {
            null => NodeRole.Native,
            "proxmox" => NodeRole.Proxmox,
            "native" => NodeRole.Native,
            "route-reflector" => NodeRole.RouteReflector,
            _ => Unknown(ctx, roleNode, f.PathOf("role"), NodeRole.Native, "proxmox", "native", "route-reflector"),
        };
        var dpNode = f.Scalar("dataplane");
        var dataplane = dpNode?.Value switch
        {
            null => Dataplane.Auto,
            "auto" => Dataplane.Auto,
            "kernel" => Dataplane.Kernel,
            "userspace" => Dataplane.Userspace,
            _ => Unknown(ctx, dpNode, f.PathOf("dataplane"), Dataplane.Auto, "auto", "kernel", "userspace"),
        };
        var address = f.ParseRef<IPAddress>("address", ValueParsers.Ipv4, "set the node's WireGuard address inside the site range, e.g. address: 10.1.0.1");
        var key = f.Parse<WireGuardKey>("public-key", ValueParsers.Key, "run 'meshctl keygen --out /etc/meshd/private.key' on the node and paste the printed public key");
        var endpoint = f.ParseRef<Endpoint>("endpoint", ValueParsers.Endpoint);
        var mtu = f.Int("underlay-mtu", 1280, 9000) ?? DefaultUnderlayMtu;
        var family = BindFamily(ctx, f, endpoint);
        return new NodeSpec(name, role, dataplane, address ?? IPAddress.Any, key ?? default, endpoint, mtu, family);
    }

    private static UnderlayFamily BindFamily(BindContext ctx, Fields f, Endpoint? endpoint)
    {
        var literal = endpoint?.Literal?.AddressFamily switch
        {
            AddressFamily.InterNetwork => UnderlayFamily.Ipv4,
            AddressFamily.InterNetworkV6 => UnderlayFamily.Ipv6,
            _ => (UnderlayFamily?)null,
        };
        var node = f.Scalar("underlay-family");
        if (node is null)
        {
            return literal ?? UnderlayFamily.Ipv4;
        }

        UnderlayFamily? given = node.Value switch
        {
            "ipv4" => UnderlayFamily.Ipv4,
            "ipv6" => UnderlayFamily.Ipv6,
            _ => null,
        };
        if (given is null)
        {
            return Unknown(ctx, node, f.PathOf("underlay-family"), literal ?? UnderlayFamily.Ipv4, "ipv4", "ipv6");
        }

        if (literal is not null && literal != given)
        {
            ctx.Invalid(node, f.PathOf("underlay-family"), $"says {node.Value} but the endpoint {endpoint} is a literal {(literal == UnderlayFamily.Ipv4 ? "ipv4" : "ipv6")} address; remove underlay-family or fix the endpoint");
        }

        return given.Value;
    }
}

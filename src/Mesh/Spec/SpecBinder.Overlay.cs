using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Spec;

internal static partial class SpecBinder
{
    private static OverlaySpec BindOverlay(BindContext ctx, Fields root)
    {
        var map = root.Mapping("overlay", "add an 'overlay:' section with controller, zone, vrf-vni and vnet");
        var empty = new OverlaySpec(string.Empty, default, default, new VnetSpec(default, default, null), true, false, false, null, FirewallIntent.None);
        if (map is null)
        {
            return empty;
        }

        var f = new Fields(ctx, map, "overlay",
            "controller", "zone", "vrf-vni", "vnet", "advertise-subnets", "disable-arp-nd-suppression", "exit-nodes-local-routing", "mtu", "firewall");
        var controller = f.Scalar("controller", "name the Proxmox EVPN controller, e.g. controller: evpnctl");
        if (controller is not null && !Names.IsValidControllerId(controller.Value))
        {
            ctx.Invalid(controller, f.PathOf("controller"), $"'{controller.Value}' is not a valid controller id (2-64 characters: a letter first, then letters, digits, '-' or '_')");
        }

        var zone = f.Parse<SdnId>("zone", ValueParsers.Zone, "name the EVPN zone, e.g. zone: crossite");
        var vrfVni = Vni(ctx, f, "vrf-vni", "set the zone's L3 VNI, e.g. vrf-vni: 99999");
        var vnet = BindVnet(ctx, f);
        var localRouting = f.Bool("exit-nodes-local-routing", false);
        return new OverlaySpec(
            controller?.Value ?? string.Empty,
            zone ?? default,
            vrfVni,
            vnet,
            f.Bool("advertise-subnets", true),
            f.Bool("disable-arp-nd-suppression", false),
            localRouting,
            f.Int("mtu", 576, 9000),
            BindFirewall(ctx, f));
    }

    private static VnetSpec BindVnet(BindContext ctx, Fields overlay)
    {
        var map = overlay.Mapping("vnet", "declare the vnet, e.g. vnet: { id: crossvnt, vni: 100000 }");
        if (map is null)
        {
            return new VnetSpec(default, default, null);
        }

        var f = new Fields(ctx, map, "overlay.vnet", "id", "vni", "alias");
        var id = f.Parse<SdnId>("id", ValueParsers.VnetId, "name the vnet, e.g. id: crossvnt");
        return new VnetSpec(id ?? default, Vni(ctx, f, "vni", "set the vnet's L2 VNI, e.g. vni: 100000"), f.String("alias"));
    }

    private static Vni Vni(BindContext ctx, Fields f, string key, string requiredHint)
    {
        var value = f.Long(key, requiredHint);
        if (value is { } v && !Model.Vni.TryCreate(v, out var vni))
        {
            ctx.Invalid(f.Node(key)!, f.PathOf(key), $"{v} is outside the VNI range 1..{Model.Vni.Max}");
            return default;
        }

        return value is null ? default : new Vni((int)value.Value);
    }

    private static FirewallIntent BindFirewall(BindContext ctx, Fields overlay)
    {
        var map = overlay.Mapping("firewall");
        if (map is null)
        {
            return FirewallIntent.None;
        }

        var f = new Fields(ctx, map, "overlay.firewall", "allow");
        var seq = f.Sequence("allow");
        var rules = new List<FirewallRule>();
        for (var i = 0; seq is not null && i < seq.Items.Count; i++)
        {
            var path = $"overlay.firewall.allow[{i}]";
            if (seq.Items[i] is not YMapping ruleMap)
            {
                ctx.Invalid(seq.Items[i], path, "expected a rule mapping with proto, ports, from, to");
                continue;
            }

            var r = new Fields(ctx, ruleMap, path, "proto", "ports", "from", "to", "comment");
            var protoNode = r.Scalar("proto", "set proto: tcp, udp or icmp");
            var proto = protoNode?.Value switch
            {
                null => FirewallProtocol.Tcp,
                "tcp" => FirewallProtocol.Tcp,
                "udp" => FirewallProtocol.Udp,
                "icmp" => FirewallProtocol.Icmp,
                _ => Unknown(ctx, protoNode, r.PathOf("proto"), FirewallProtocol.Tcp, "tcp", "udp", "icmp"),
            };
            var ports = new List<PortRange>();
            foreach (var (node, p) in r.ScalarList("ports"))
            {
                if (PortRange.TryParse(node.Value, out var range))
                {
                    ports.Add(range);
                }
                else
                {
                    ctx.Invalid(node, p, $"'{node.Value}' is not a port (1..65535) or range like 8000-8080");
                }
            }

            if (proto == FirewallProtocol.Icmp && ports.Count > 0)
            {
                ctx.Invalid(ruleMap, r.PathOf("ports"), "icmp has no ports; remove ports or use tcp/udp");
            }

            rules.Add(new FirewallRule(proto, EquatableArray.From(ports), Networks(ctx, r, "from"), Networks(ctx, r, "to"), r.String("comment")));
        }

        return new FirewallIntent(EquatableArray.From(rules));
    }

    private static EquatableArray<IPNetwork> Networks(BindContext ctx, Fields f, string key)
    {
        var list = new List<IPNetwork>();
        foreach (var (node, path) in f.ScalarList(key))
        {
            if (ValueParsers.Cidr(node.Value, out var net, out var error))
            {
                list.Add(net);
            }
            else if (System.Net.IPAddress.TryParse(node.Value, out var single) && !node.Value.Contains('/', StringComparison.Ordinal))
            {
                list.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                ctx.Invalid(node, path, error);
            }
        }

        return EquatableArray.From(list);
    }
}

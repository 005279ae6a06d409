using System.Globalization;
using System.Text;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Cli.Rendering;

/// <summary>The human-readable form of a <see cref="NodePlan"/> (the JSON form is the stable one).</summary>
public static class PlanText
{
    /// <summary>Renders a plan as indented text.</summary>
    public static string Render(NodePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var w = new Writer();
        w.Line($"node {plan.Node} (site {plan.Site}, role {Word(plan.Role)}, dataplane {Word(plan.Dataplane)})");
        WireGuard(w, plan.WireGuard);
        var m = plan.Mtu;
        w.Section("mtu");
        w.Field("underlay", $"{m.UnderlayMtu} ({Word(m.OuterFamily)})");
        w.Field("wireguard", $"{m.WireGuardMtu}");
        w.Field("overlay", $"{m.OverlayMtu}");
        Evpn(w, plan.Evpn);
        if (plan.Links is { } links)
        {
            w.Section("links");
            w.Field(links.Vrf.Name.Value, "vrf");
            foreach (var b in links.Bridges.Prepend(links.VrfBridge))
            {
                w.Field(b.Name.Value, $"bridge master {b.Master ?? "-"} mtu {b.Mtu}" + (b.Addresses.IsEmpty ? string.Empty : $" address {string.Join(", ", b.Addresses)}"));
            }

            foreach (var x in links.Vxlans.Prepend(links.VrfVxlan))
            {
                w.Field(x.Name.Value, $"vxlan vni {x.Vni} local {x.Local} dstport {x.DstPort} learning {OnOff(x.Learning)} neigh-suppress {OnOff(x.NeighborSuppression)} master {x.Master} mtu {x.Mtu}");
            }
        }

        if (plan.Sdn is { } sdn)
        {
            w.Section("proxmox sdn");
            w.Field("controller", $"{sdn.Controller.Id} type {sdn.Controller.Type} asn {sdn.Controller.Asn} peers {string.Join(",", sdn.Controller.Peers)}");
            var z = sdn.Zone;
            w.Field("zone", $"{z.Id} type {z.Type} controller {z.Controller} vrf-vxlan {z.VrfVxlan} mtu {z.Mtu} ipam {z.Ipam}");
            w.Field(string.Empty, $"exit-nodes {List(z.ExitNodes)} exit-nodes-local-routing {OnOff(z.ExitNodesLocalRouting)} advertise-subnets {OnOff(z.AdvertiseSubnets)} disable-arp-nd-suppression {OnOff(z.DisableArpNdSuppression)}");
            w.Field("vnet", $"{sdn.Vnet.Id} zone {sdn.Vnet.Zone} tag {sdn.Vnet.Tag}" + (sdn.Vnet.Alias is null ? string.Empty : $" alias \"{sdn.Vnet.Alias}\""));
            foreach (var s in sdn.Subnets)
            {
                w.Field("subnet", $"{s.Id} gateway {s.Gateway} snat {OnOff(s.Snat)}");
            }
        }

        var fw = plan.Firewall;
        w.Section("firewall");
        w.Field("backend", fw.IsProxmox ? "proxmox security group" : "nftables (table inet meshd)");
        w.Field("rules", $"{fw.Rules.Count} (meshctl firewall show for the full list)");
        foreach (var snat in fw.Snat)
        {
            w.Field("snat", $"{snat.Source} except {List(snat.ExceptDestinations)}");
        }

        w.Section("sysctls");
        foreach (var s in plan.Sysctls)
        {
            w.Field(s.Key, s.Value);
        }

        return w.ToString();
    }

    private static void WireGuard(Writer w, WireGuardPlan wg)
    {
        w.Section($"wireguard {wg.Interface}");
        w.Field("address", $"{wg.Address}/{wg.PrefixLength}");
        w.Field("listen-port", $"{wg.ListenPort}");
        w.Field("private-key", wg.PrivateKeyPath);
        w.Field("mtu", $"{wg.Mtu}");
        w.Field("routes", List(wg.Routes, "(connected range only)"));
        foreach (var p in wg.Peers)
        {
            w.Line($"  peer {p.Name} (site {p.Site})");
            w.Field("  public-key", p.PublicKey.Base64);
            w.Field("  endpoint", p.EndpointHost is null ? "(none: the peer initiates)" : new Endpoint(p.EndpointHost, p.EndpointPort ?? 0).ToString());
            w.Field("  allowed-ips", List(p.AllowedIps));
            w.Field("  keepalive", $"{p.PersistentKeepalive}");
        }
    }

    private static void Evpn(Writer w, EvpnPlan e)
    {
        w.Section(e.RouteReflector ? "evpn (route reflector)" : "evpn");
        w.Field("asn", $"{e.Asn}");
        w.Field("router-id", $"{e.RouterId}");
        w.Field("vtep", $"{e.VtepIp}");
        w.Field("neighbors", List(e.Neighbors));
        if (e.RouteReflector)
        {
            w.Field("rr-clients", List(e.RouteReflectorClients));
            w.Field("listen-ranges", List(e.ListenRanges));
        }

        w.Field("vrf", $"{e.Vrf} l3vni {e.L3Vni}");
        foreach (var v in e.Vnets)
        {
            w.Field("vnet", $"{v.Id} l2vni {v.Vni}");
            foreach (var s in v.Subnets)
            {
                w.Field("  subnet", $"{s.Cidr} gateway {s.Gateway} snat {OnOff(s.Snat)}");
            }
        }

        w.Field("exit-node", OnOff(e.ExitNode));
        w.Field("advertise-subnets", OnOff(e.AdvertiseSubnets));
        w.Field("arp-nd-suppression", OnOff(e.ArpNdSuppression));
    }

    private static string Word<T>(T value)
        where T : struct, Enum => value switch
        {
            NodeRole.RouteReflector => "route-reflector",
            _ => value.ToString().ToLowerInvariant(),
        };

    private static string OnOff(bool value) => value ? "yes" : "no";

    private static string List<T>(IEnumerable<T> items, string empty = "(none)")
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? empty : text;
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();

        public void Line(string text) => _sb.Append(text).Append('\n');

        public void Section(string title) => _sb.Append('\n').Append(title).Append('\n');

        public void Field(string name, string value) =>
            _sb.Append(string.Create(CultureInfo.InvariantCulture, $"  {name,-20} {value}").TrimEnd()).Append('\n');

        public override string ToString() => _sb.ToString();
    }
}

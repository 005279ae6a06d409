using Mesh.Firewall;
using ProxmoxSdn.Model;
using PveRule = ProxmoxSdn.Model.FirewallRule;
using SdnPlan = Mesh.Planning.SdnPlan;

namespace Mesh.Bindings;

/// <summary>
/// A proxmox site's <see cref="SdnPlan"/> plus its generated security group, ipsets and the cluster-level GROUP rule
/// that puts the group into effect, as the ProxmoxSdn adapter's desired state. PVE refuses an interface (<c>-i</c>) in
/// a security group rule ("parameter -i not allowed for this rule type"), so rules bound to an interface (BGP and
/// VXLAN only over WireGuard) become cluster-level rules of meshd's, above the GROUP rule; the rest stay in the group.
/// An interface PVE cannot name (see <see cref="UnboundInterfaces"/>) is left out and its rules stay in the group.
/// </summary>
public static class SdnBinding
{
    /// <summary>
    /// Maps the plan's SDN objects, the site's security group, the ipsets its rules reference, its interface-bound
    /// rules and <see cref="ProxmoxFirewall.ClusterGroupRule"/> (last) as cluster rules onto <see cref="ClusterDesiredState"/>.
    /// </summary>
    public static ClusterDesiredState ToDesired(SdnPlan sdn, ProxmoxFirewall firewall)
    {
        ArgumentNullException.ThrowIfNull(sdn);
        ArgumentNullException.ThrowIfNull(firewall);
        var (c, z, v) = (sdn.Controller, sdn.Zone, sdn.Vnet);
        return new ClusterDesiredState(
            new SdnController(c.Id, c.Asn.Value, c.Peers.Select(p => p.ToString()).ToValueList()),
            [
                new SdnZone(z.Id.ToString(), z.Controller, z.VrfVxlan.Value)
                {
                    ExitNodes = z.ExitNodes.ToValueList(),
                    ExitNodesLocalRouting = z.ExitNodesLocalRouting,
                    AdvertiseSubnets = z.AdvertiseSubnets,
                    DisableArpNdSuppression = z.DisableArpNdSuppression,
                    Mtu = z.Mtu,
                    Ipam = z.Ipam,
                },
            ],
            [new SdnVnet(v.Id.ToString(), v.Zone.ToString(), v.Tag.Value, v.Alias)],
            sdn.Subnets.Select(s => new SdnSubnet(v.Id.ToString(), s.Cidr.ToString(), s.Gateway.ToString(), s.Snat)).ToValueList(),
            [new FirewallGroup(firewall.GroupName, firewall.GroupComment, firewall.Rules.Where(r => !AtClusterLevel(r)).Select(InGroup).ToValueList())])
        {
            IpSets = firewall.IpSets.Select(s => new FirewallIpSet(s.Name, s.Comment, s.Cidrs.ToValueList())).ToValueList(),
            ClusterRules = [.. firewall.Rules.Where(AtClusterLevel).Select(Rule), GroupRule(firewall.ClusterGroupRule)],
        };
    }

    /// <summary>
    /// Interfaces of the rules that PVE cannot name (e.g. <c>wg-mesh</c>: no '-' in a PVE interface name). Those rules
    /// stay in the group without the interface, restricted by their source addresses only (as the seed's hand-made
    /// rules were); rename the WireGuard interface (e.g. <c>wg_mesh</c>) to bind them to it.
    /// </summary>
    public static IReadOnlyList<string> UnboundInterfaces(ProxmoxFirewall firewall)
    {
        ArgumentNullException.ThrowIfNull(firewall);
        return firewall.Rules.Select(r => r.Iface).OfType<string>().Where(i => !PveNames.IsValidInterface(i)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>PVE refuses <c>-i</c> inside a security group: interface-bound rules go to the cluster level.</summary>
    private static bool AtClusterLevel(ProxmoxRule r) => r.Iface is not null && PveNames.IsValidInterface(r.Iface);

    private static PveRule InGroup(ProxmoxRule r) => Rule(r) with { Iface = null };

    /// <summary>PVE stores only action, interface, enable and comment of a group rule (a log level would be dropped).</summary>
    private static PveRule GroupRule(ProxmoxRule r) => new(r.Type, r.Action) { Iface = r.Iface, Comment = r.Comment };

    private static PveRule Rule(ProxmoxRule r) => new(r.Type, r.Action)
    {
        Source = r.Source,
        Dest = r.Dest,
        Proto = r.Proto,
        Dport = r.Dport,
        Iface = r.Iface,
        Log = r.Log,
        Comment = r.Comment,
    };
}

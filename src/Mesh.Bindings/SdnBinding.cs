using Mesh.Firewall;
using ProxmoxSdn.Model;
using PveRule = ProxmoxSdn.Model.FirewallRule;
using SdnPlan = Mesh.Planning.SdnPlan;

namespace Mesh.Bindings;

/// <summary>
/// A proxmox site's <see cref="SdnPlan"/> plus its rendered <see cref="ProxmoxFirewall"/> (security group, ipsets and
/// meshd's cluster rules, already in the shape PVE accepts) as the ProxmoxSdn adapter's desired state, mapped 1:1.
/// </summary>
public static class SdnBinding
{
    /// <summary>
    /// Maps the plan's SDN objects, the site's security group, the ipsets its rules reference and
    /// <see cref="ProxmoxFirewall.ClusterRules"/> onto <see cref="ClusterDesiredState"/>.
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
            [new FirewallGroup(firewall.GroupName, firewall.GroupComment, firewall.Rules.Select(Rule).ToValueList())])
        {
            IpSets = firewall.IpSets.Select(s => new FirewallIpSet(s.Name, s.Comment, s.Cidrs.ToValueList())).ToValueList(),
            ClusterRules = firewall.ClusterRules.Select(Rule).ToValueList(),
        };
    }

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

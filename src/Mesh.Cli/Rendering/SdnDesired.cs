using Mesh.Firewall;
using ProxmoxSdn.Model;
using SdnPlan = Mesh.Planning.SdnPlan;
using PveRule = ProxmoxSdn.Model.FirewallRule;

namespace Mesh.Cli.Rendering;

/// <summary>
/// A proxmox node's <see cref="SdnPlan"/> plus its generated Proxmox security group as the ProxmoxSdn adapter's
/// <see cref="ClusterDesiredState"/>. Keep in step with meshd's <c>SdnSubsystem.ToDesired</c> (same mapping).
/// </summary>
internal static class SdnDesired
{
    public static ClusterDesiredState Map(SdnPlan sdn, ProxmoxFirewall firewall)
    {
        var c = sdn.Controller;
        var z = sdn.Zone;
        var v = sdn.Vnet;
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
            [new FirewallGroup(firewall.GroupName, firewall.GroupComment, firewall.Rules.Select(Rule).ToValueList())]);
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

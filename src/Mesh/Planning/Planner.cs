using Mesh.Collections;
using Mesh.Firewall;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>Derives a <see cref="NodePlan"/> from a valid spec. Pure and deterministic: no clock, no I/O.</summary>
public static partial class Planner
{
    /// <summary>Where a node keeps its private key (written by <c>meshctl keygen --out</c>).</summary>
    public const string PrivateKeyPath = "/etc/meshd/private.key";

    /// <summary>VXLAN UDP port.</summary>
    public const int VxlanPort = 4789;

    /// <summary>Plans one node. The spec must have loaded without errors (<see cref="Spec.SpecLoadResult.HasErrors"/> false).</summary>
    /// <exception cref="PlanException">The node is not in the spec.</exception>
    public static NodePlan Plan(MeshSpec spec, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var mesh = MeshIndex.Of(spec);
        var found = mesh.Find(nodeName)
            ?? throw new PlanException($"node '{nodeName}' is not in the spec; known nodes: {string.Join(", ", mesh.All.Select(p => p.Node.Name))}");
        var (site, node) = found;
        var overlayMtu = MtuCalculator.MeshOverlayMtu(spec);
        var wgMtu = MtuCalculator.WireGuardMtu(node);
        var mtu = new MtuPlan(node.UnderlayMtu, node.UnderlayFamily, wgMtu, overlayMtu);
        var evpn = PlanEvpn(spec, mesh, site, node);
        return new NodePlan(
            node.Name,
            site.Name,
            node.Role,
            node.Dataplane,
            PlanWireGuard(spec, mesh, site, node, wgMtu),
            mtu,
            evpn,
            node.Role == NodeRole.Native ? PlanLinks(spec, evpn, overlayMtu) : null,
            node.Role == NodeRole.Proxmox ? PlanSdn(spec, mesh, site, overlayMtu) : null,
            FirewallInputsFromSpec.Plan(spec, node.Name),
            Sysctls(node.Role));
    }

    /// <summary>Plans every node of the spec, sorted by node name.</summary>
    public static EquatableArray<NodePlan> PlanAll(MeshSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return EquatableArray.From(spec.AllNodes.Select(p => Plan(spec, p.Node.Name)));
    }

    private static EquatableArray<SysctlSetting> Sysctls(NodeRole role)
    {
        var list = new List<SysctlSetting>
        {
            new("net.ipv4.ip_forward", "1"),
            new("net.ipv4.conf.all.rp_filter", "0"),
            new("net.ipv4.conf.default.rp_filter", "0"),
        };
        if (role != NodeRole.RouteReflector)
        {
            list.Add(new("net.bridge.bridge-nf-call-iptables", "1"));
            list.Add(new("net.bridge.bridge-nf-call-ip6tables", "1"));
        }

        return EquatableArray.SortedBy(list, s => s.Key);
    }
}

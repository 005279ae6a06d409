using Mesh.Model;
using SpecProtocol = Mesh.Model.FirewallProtocol;

namespace Mesh.Firewall;

/// <summary>
/// Maps the mesh spec onto <see cref="FirewallInputs"/> for one node. Extra rules come from
/// <c>overlay.firewall.allow</c>: a rule with <c>to</c> addresses is a forward rule (toward the VMs), one
/// without is an input rule (to the nodes themselves); they apply to every site.
/// </summary>
public static class FirewallInputsFromSpec
{
    /// <summary>Builds the inputs for <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">The node is not in the spec.</exception>
    public static FirewallInputs Build(MeshSpec spec, string node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var local = Find(spec, node)
            ?? throw new ArgumentException($"firewall: node '{node}' is not in the spec; meshctl validate lists the nodes", nameof(node));
        var vnet = spec.Overlay.Vnet.Id.ToString();
        var sites = spec.Sites.Select(s => new FirewallSite(
            s.Name,
            s.Range,
            FirewallList.Own(s.Nodes.Select(n => new FirewallNode(
                n.Name, n.Address, n.Endpoint?.Literal, s.ExitNodes.Contains(n.Name))).ToArray()),
            FirewallList.Own(s.Subnets.Select(sn => new FirewallSubnet(sn.Cidr, sn.Gateway, sn.Snat)).ToArray()),
            s.Subnets.Count > 0 ? vnet : null,
            s.Proxmox is not null)).ToArray();

        return new FirewallInputs
        {
            MeshName = spec.Mesh.Name,
            LocalSite = local.Site.Name,
            LocalNode = local.Node.Name,
            WireGuardPort = spec.Mesh.WireGuard.ListenPort,
            WireGuardInterface = spec.Mesh.WireGuard.Interface.ToString(),
            Sites = FirewallList.Own(sites),
            ExtraRules = FirewallList.Own(spec.Overlay.Firewall.Allow.Select(Intent).ToArray()),
        };
    }

    /// <summary>Builds the inputs and generates the node's firewall plan.</summary>
    public static FirewallPlan Plan(MeshSpec spec, string node) => FirewallGenerator.Generate(Build(spec, node));

    /// <summary>Like <see cref="MeshSpec.FindNode"/> (names are unique) without sorting every node of the mesh first.</summary>
    private static (SiteSpec Site, NodeSpec Node)? Find(MeshSpec spec, string node)
    {
        foreach (var site in spec.Sites)
        {
            foreach (var n in site.Nodes)
            {
                if (n.Name == node)
                {
                    return (site, n);
                }
            }
        }

        return null;
    }

    private static FirewallIntent Intent(Model.FirewallRule rule, int index)
    {
        var protocol = rule.Protocol switch
        {
            SpecProtocol.Udp => FirewallProtocol.Udp,
            SpecProtocol.Icmp => FirewallProtocol.Icmp,
            _ => FirewallProtocol.Tcp,
        };
        PortSpec? ports = null;
        if (rule.Ports.Count > 0 && protocol is FirewallProtocol.Tcp or FirewallProtocol.Udp)
        {
            ports = PortSpec.Parse(string.Join(',', rule.Ports.Select(p => $"{p.First}:{p.Last}")));
        }

        var comment = rule.Comment ?? $"overlay.firewall.allow[{index}]";
        return new FirewallIntent(
            comment,
            rule.To.Count > 0 ? FirewallChain.Forward : FirewallChain.Input,
            FirewallAction.Accept,
            protocol,
            ports,
            FirewallList.Own(rule.From.ToArray()),
            FirewallList.Own(rule.To.ToArray()),
            FirewallList<string>.Empty);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Firewall;

/// <summary>
/// Generates the firewall a node needs from <see cref="FirewallInputs"/>: pure and deterministic
/// (equal inputs give equal plans; addresses sorted), no I/O.
/// </summary>
public static partial class FirewallGenerator
{
    /// <summary>BGP TCP port.</summary>
    public const ushort BgpPort = 179;

    /// <summary>VXLAN UDP port (IANA).</summary>
    public const ushort VxlanPort = 4789;

    private static readonly PortSpec Bgp = PortSpec.Single(BgpPort);
    private static readonly PortSpec Vxlan = PortSpec.Single(VxlanPort);
    private static readonly IPNetwork AnyV4 = new(IPAddress.Any, 0);
    private static readonly IPNetwork AnyV6 = new(IPAddress.IPv6Any, 0);

    /// <summary>Builds the plan for <see cref="FirewallInputs.LocalNode"/>.</summary>
    /// <exception cref="ArgumentException">The inputs are inconsistent; the message names what to fix.</exception>
    public static FirewallPlan Generate(FirewallInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (site, node) = FindLocal(inputs);
        if (inputs.WireGuardPort is < 1 or > 65535)
        {
            throw new ArgumentException($"firewall: WireGuard port {inputs.WireGuardPort} is not 1-65535; set the mesh's wireguard port", nameof(inputs));
        }

        var peers = Peers(inputs, site);
        var overlay = CidrSet.Normalize(inputs.Sites.SelectMany(s => s.Subnets).Select(s => s.Cidr));
        var rules = new List<FirewallRule>(16 + inputs.ExtraRules.Count);
        AddUnderlay(inputs, peers, rules);
        AddVnet(site, overlay, rules);
        AddIntents(inputs, site, rules);

        return new FirewallPlan(
            inputs.MeshName,
            site.Name,
            node.Name,
            site.IsProxmox,
            inputs.WireGuardInterface,
            inputs.WireGuardPort,
            node.Vtep,
            FirewallList.Own(site.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal).ToArray()),
            FirewallList.Own(rules),
            Snat(inputs, site, node, overlay),
            inputs.LogLevel);
    }

    private static (FirewallSite Site, FirewallNode Node) FindLocal(FirewallInputs inputs)
    {
        var site = inputs.Sites.FirstOrDefault(s => s.Name == inputs.LocalSite)
            ?? throw new ArgumentException($"firewall: local site '{inputs.LocalSite}' is not among the mesh's sites; check the node's site name", nameof(inputs));
        var node = site.Nodes.FirstOrDefault(n => n.Name == inputs.LocalNode)
            ?? throw new ArgumentException($"firewall: node '{inputs.LocalNode}' is not a node of site '{site.Name}'; check sites.{site.Name}.nodes", nameof(inputs));
        return (site, node);
    }

    /// <summary>
    /// The site's peers: every node of the mesh that a node of this site talks to. For a one-node site that is
    /// everyone else; with several nodes, the site's own nodes peer with each other too.
    /// </summary>
    private static List<FirewallNode> Peers(FirewallInputs inputs, FirewallSite site)
    {
        var self = site.Nodes.Count == 1 ? site.Nodes[0] : null;
        var peers = new List<FirewallNode>();
        foreach (var s in inputs.Sites)
        {
            foreach (var n in s.Nodes)
            {
                if (!ReferenceEquals(n, self))
                {
                    peers.Add(n);
                }
            }
        }

        return peers;
    }

    private static void AddUnderlay(FirewallInputs inputs, List<FirewallNode> peers, List<FirewallRule> rules)
    {
        var port = inputs.WireGuardPort.ToString(CultureInfo.InvariantCulture);
        var endpoints = new List<IPNetwork>(peers.Count);
        var allStatic = peers.Count > 0;
        foreach (var p in peers)
        {
            if (p.StaticEndpoint is null)
            {
                allStatic = false;
                break;
            }

            endpoints.Add(CidrSet.Host(p.StaticEndpoint));
        }

        rules.Add(new FirewallRule(
            FirewallRuleKind.WireGuard, FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Udp,
            PortSpec.Single((ushort)inputs.WireGuardPort),
            allStatic ? new FirewallAddress(CidrSet.Normalize(endpoints)) : FirewallAddress.Any,
            FirewallAddress.Any,
            null,
            allStatic
                ? $"Allow udp {port} to host wireguard from the peers' static endpoints"
                : $"Allow udp {port} to host wireguard from anywhere (peer endpoints are dynamic)"));

        if (peers.Count == 0)
        {
            return;
        }

        var vteps = new FirewallAddress(CidrSet.Normalize(peers.Select(p => CidrSet.Host(p.Vtep))));
        rules.Add(new FirewallRule(
            FirewallRuleKind.Bgp, FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Tcp, Bgp,
            vteps, FirewallAddress.Any, inputs.WireGuardInterface, "Allow EVPN BGP over WireGuard from peer VTEPs"));
        rules.Add(new FirewallRule(
            FirewallRuleKind.Vxlan, FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Udp, Vxlan,
            vteps, FirewallAddress.Any, inputs.WireGuardInterface, "Allow VXLAN over WireGuard from peer VTEPs"));
    }

    private static void AddIntents(FirewallInputs inputs, FirewallSite site, List<FirewallRule> rules)
    {
        for (var i = 0; i < inputs.ExtraRules.Count; i++)
        {
            var intent = inputs.ExtraRules[i];
            if (intent.Sites.Count > 0 && !intent.Sites.Contains(site.Name))
            {
                continue;
            }

            if (intent.Ports is not null && intent.Protocol is not (FirewallProtocol.Tcp or FirewallProtocol.Udp))
            {
                throw new ArgumentException($"firewall.rules[{i}] ('{intent.Comment}'): ports need proto tcp or udp", nameof(inputs));
            }

            rules.Add(new FirewallRule(
                FirewallRuleKind.Intent, intent.Chain, intent.Action, intent.Protocol, intent.Ports,
                new FirewallAddress(CidrSet.Normalize(intent.Sources)),
                new FirewallAddress(CidrSet.Normalize(intent.Destinations)),
                null, intent.Comment));
        }
    }
}

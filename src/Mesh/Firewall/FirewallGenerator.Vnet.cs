using System.Net;
using System.Net.Sockets;

namespace Mesh.Firewall;

/// <summary>Vnet rules (cross-site forward, gateway, exit) and SNAT.</summary>
public static partial class FirewallGenerator
{
    private static void AddVnet(FirewallSite site, FirewallList<IPNetwork> overlay, List<FirewallRule> rules)
    {
        if (site.Vnet is not { } vnet || site.Subnets.Count == 0)
        {
            return;
        }

        var own = CidrSet.Normalize(site.Subnets.Select(s => s.Cidr));
        var all = new FirewallAddress(own, vnet, VnetSet.All);
        var overlayAddress = new FirewallAddress(overlay);
        rules.Add(new FirewallRule(
            FirewallRuleKind.OverlayToVnet, FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Any, null,
            overlayAddress, all, null, $"SDN {vnet} allow cross-site subnets to the vnet"));
        rules.Add(new FirewallRule(
            FirewallRuleKind.VnetToOverlay, FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Any, null,
            all, overlayAddress, null, $"SDN {vnet} allow the vnet to cross-site subnets"));

        var gateways = site.Subnets.Where(s => s.Gateway is not null).Select(s => CidrSet.Host(s.Gateway!)).ToArray();
        if (gateways.Length > 0)
        {
            rules.Add(new FirewallRule(
                FirewallRuleKind.Gateway, FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Any, null,
                new FirewallAddress(own, vnet, VnetSet.NoGateway),
                new FirewallAddress(CidrSet.Normalize(gateways), vnet, VnetSet.Gateway),
                null, $"SDN {vnet} allow traffic from no-gateway to gateway"));
        }

        if (!site.HasExitNode)
        {
            return;
        }

        foreach (var (family, any) in (ReadOnlySpan<(AddressFamily, IPNetwork)>)[(AddressFamily.InterNetwork, AnyV4), (AddressFamily.InterNetworkV6, AnyV6)])
        {
            if (own.Any(n => n.BaseAddress.AddressFamily == family))
            {
                rules.Add(new FirewallRule(
                    FirewallRuleKind.Exit, FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Any, null,
                    all, new FirewallAddress([any]), null, $"SDN {vnet} allow forward traffic to {any}"));
            }
        }
    }

    private static FirewallList<SnatRule> Snat(FirewallInputs inputs, FirewallSite site, FirewallNode node, FirewallList<IPNetwork> overlay)
    {
        if (!node.IsExitNode || !site.Subnets.Any(s => s.Snat))
        {
            return FirewallList<SnatRule>.Empty;
        }

        var except = CidrSet.Normalize(overlay.Concat(inputs.Sites.Select(s => s.UnderlayRange)));
        var snat = new List<SnatRule>();
        foreach (var subnet in site.Subnets.Where(s => s.Snat).Select(s => s.Cidr).Order(Comparer<IPNetwork>.Create(CidrSet.Compare)))
        {
            snat.Add(new SnatRule(
                subnet,
                FirewallList.Own(except.Where(e => e.BaseAddress.AddressFamily == subnet.BaseAddress.AddressFamily).ToArray()),
                node.UplinkInterface,
                $"SNAT {subnet} to the internet on exit node {node.Name}"));
        }

        return FirewallList.Own(snat);
    }
}

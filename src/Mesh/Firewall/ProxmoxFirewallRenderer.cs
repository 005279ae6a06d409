using System.Net;
using System.Net.Sockets;

namespace Mesh.Firewall;

/// <summary>Renders a <see cref="FirewallPlan"/> as a Proxmox cluster security group plus the options it needs.</summary>
public static class ProxmoxFirewallRenderer
{
    /// <summary>PVE's limit for a rule's source/dest field.</summary>
    public const int MaxAddressLength = 512;

    /// <summary>
    /// Builds the site's security group, ipsets, cluster rules and host options. PVE refuses <c>-i</c> inside a
    /// security group, so interface-bound rules (BGP/VXLAN over WireGuard) become cluster rules above the GROUP rule
    /// when PVE can name the interface (<see cref="ProxmoxInterfaceName.IsValid"/>); otherwise they stay in the group
    /// without the interface, restricted by source address only, and the interface is listed in
    /// <see cref="ProxmoxFirewall.UnboundInterfaces"/>.
    /// </summary>
    public static ProxmoxFirewall Render(FirewallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var group = ProxmoxGroupName.For(plan.Mesh);
        var rules = new List<ProxmoxRule>(plan.Rules.Count);
        var cluster = new List<ProxmoxRule>(3);
        var unbound = new List<string>();
        var ipsets = new List<ProxmoxIpSet>();
        foreach (var r in plan.Rules)
        {
            var bound = r.InInterface is { } iface && ProxmoxInterfaceName.IsValid(iface);
            if (r.InInterface is { } named && !bound && !unbound.Contains(named))
            {
                unbound.Add(named);
            }

            foreach (var (source, dest, family) in SplitByFamily(r))
            {
                (bound ? cluster : rules).Add(new ProxmoxRule(
                    r.Chain == FirewallChain.Forward ? "forward" : "in",
                    r.Action == FirewallAction.Drop ? "DROP" : "ACCEPT",
                    Address(source, group, r.Kind, "src", ipsets),
                    Address(dest, group, r.Kind, "dst", ipsets),
                    Proto(r.Protocol, family),
                    r.DestinationPorts?.ToProxmox(),
                    bound ? r.InInterface : null,
                    plan.LogLevel,
                    r.Comment));
            }
        }

        // PVE keeps only action, interface, enable and comment of a GROUP rule (a log level would be dropped on save)
        cluster.Add(new ProxmoxRule("group", group, null, null, null, null, null, null, $"meshd: mesh {plan.Mesh}"));
        return new ProxmoxFirewall(
            group,
            $"meshd: mesh {plan.Mesh}, site {plan.Site} (generated, do not edit)",
            FirewallList.Own(rules),
            FirewallList.Own(ipsets),
            FirewallList.Own(cluster),
            FirewallList.Own(unbound),
            HostOptions(plan));
    }

    private static FirewallList<ProxmoxHostOption> HostOptions(FirewallPlan plan)
    {
        var options = new List<ProxmoxHostOption>(2 + plan.SiteNodes.Count)
        {
            new(ProxmoxOptionScope.Cluster, null, "enable", "1", "the cluster firewall must be on for the security group to apply"),
            new(ProxmoxOptionScope.Cluster, null, "ebtables", "1", "forward rules for SDN vnets need ebtables on the cluster"),
        };
        foreach (var node in plan.SiteNodes)
        {
            options.Add(new(ProxmoxOptionScope.Node, node, "nftables", "1",
                "forward rules work only with the nftables firewall (proxmox-firewall); GUI: node > Firewall > Options > nftables"));
        }

        return FirewallList.Own(options);
    }

    private static string? Address(FirewallAddress a, string group, FirewallRuleKind kind, string side, List<ProxmoxIpSet> ipsets)
    {
        if (a.ProxmoxIpSet is { } set)
        {
            return set;
        }

        if (a.IsAny)
        {
            return null;
        }

        var text = string.Join(",", a.Networks.Select(Format));
        if (text.Length <= MaxAddressLength)
        {
            return text;
        }

        // one ipset per distinct list (BGP and VXLAN share the peer VTEPs), named after its first use
        var cidrs = FirewallList.Own(a.Networks.Select(Format).ToArray());
        var existing = ipsets.FirstOrDefault(s => s.Cidrs.Equals(cidrs));
        if (existing is null)
        {
            var name = ProxmoxGroupName.IpSet(group, $"{kind.ToString().ToLowerInvariant()}-{side}");
            for (var i = 2; ipsets.Any(s => s.Name == name); i++)
            {
                name = ProxmoxGroupName.IpSet(group, $"{kind.ToString().ToLowerInvariant()}-{side}{i}");
            }

            existing = new ProxmoxIpSet(
                name,
                $"meshd: {kind} {side} addresses (too many for one rule)",
                cidrs);
            ipsets.Add(existing);
        }

        return "+" + existing.Name;
    }

    private static string Format(IPNetwork n) =>
        n.PrefixLength == (n.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            ? n.BaseAddress.ToString()
            : n.ToString();

    private static string? Proto(FirewallProtocol p, AddressFamily? family) => p switch
    {
        FirewallProtocol.Tcp => "tcp",
        FirewallProtocol.Udp => "udp",
        FirewallProtocol.Icmp => family == AddressFamily.InterNetworkV6 ? "ipv6-icmp" : "icmp",
        _ => null,
    };

    /// <summary>
    /// PVE refuses address lists mixing IPv4 and IPv6: a rule with explicit lists becomes one rule per family
    /// present (ipsets and "any" fit both families).
    /// </summary>
    private static List<(FirewallAddress Source, FirewallAddress Dest, AddressFamily? Family)> SplitByFamily(FirewallRule r)
    {
        static bool Explicit(FirewallAddress a) => a.Vnet is null && !a.IsAny;
        var result = new List<(FirewallAddress, FirewallAddress, AddressFamily?)>(2);
        if (!Explicit(r.Source) && !Explicit(r.Destination))
        {
            result.Add((r.Source, r.Destination, null));
            return result;
        }

        foreach (var f in (ReadOnlySpan<AddressFamily>)[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
        {
            var src = Explicit(r.Source) ? Only(r.Source, f) : r.Source;
            var dst = Explicit(r.Destination) ? Only(r.Destination, f) : r.Destination;
            if (src is not null && dst is not null)
            {
                result.Add((src, dst, f));
            }
        }

        return result;
    }

    private static FirewallAddress? Only(FirewallAddress a, AddressFamily f)
    {
        if (a.Networks.All(n => n.BaseAddress.AddressFamily == f))
        {
            return a;
        }

        var some = a.Networks.Where(n => n.BaseAddress.AddressFamily == f).ToArray();
        return some.Length == 0 ? null : new FirewallAddress(FirewallList.Own(some));
    }
}

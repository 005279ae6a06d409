namespace Mesh.Firewall;

/// <summary>One Proxmox firewall rule (group or cluster level), fields as the API names them (null = omitted).</summary>
/// <param name="Type"><c>in</c>, <c>forward</c> or (cluster level only) <c>group</c>.</param>
/// <param name="Action"><c>ACCEPT</c>, <c>DROP</c> or, for type <c>group</c>, the security group's name.</param>
/// <param name="Source">Address spec or ipset reference.</param>
/// <param name="Dest">Address spec or ipset reference.</param>
/// <param name="Proto">Protocol (tcp, udp, icmp).</param>
/// <param name="Dport">Destination ports (<c>80,443,8000:8100</c>).</param>
/// <param name="Iface">Incoming interface (cluster-level rules only: PVE refuses <c>-i</c> inside a security group).</param>
/// <param name="Log">Log level (null for a GROUP rule: PVE keeps only action, interface, enable and comment there).</param>
/// <param name="Comment">Why the rule exists.</param>
public sealed record ProxmoxRule(
    string Type,
    string Action,
    string? Source,
    string? Dest,
    string? Proto,
    string? Dport,
    string? Iface,
    string? Log,
    string Comment);

/// <summary>A cluster ipset meshd owns (used when an address list is longer than a rule field allows).</summary>
/// <param name="Name">Ipset name (referenced as <c>+name</c>).</param>
/// <param name="Comment">Why it exists.</param>
/// <param name="Cidrs">Its entries.</param>
public sealed record ProxmoxIpSet(string Name, string Comment, FirewallList<string> Cidrs);

/// <summary>Where a host option lives.</summary>
public enum ProxmoxOptionScope
{
    /// <summary><c>/cluster/firewall/options</c>.</summary>
    Cluster,

    /// <summary><c>/nodes/{node}/firewall/options</c>.</summary>
    Node,
}

/// <summary>A firewall option the generated rules depend on; <c>meshctl doctor</c> reports it when missing.</summary>
/// <param name="Scope">Cluster or node.</param>
/// <param name="Node">The node for node options, else null.</param>
/// <param name="Key">API option name.</param>
/// <param name="Value">Required value.</param>
/// <param name="Why">What breaks without it.</param>
public sealed record ProxmoxHostOption(ProxmoxOptionScope Scope, string? Node, string Key, string Value, string Why);

/// <summary>
/// Everything Proxmox needs for one site, in the shape PVE accepts: the security group (no rule names an interface),
/// the ipsets the rules reference, meshd's cluster-level rules (Datacenter &gt; Firewall: the interface-bound BGP/VXLAN
/// rules, then the GROUP rule that puts the group into effect) and the host options. Rules referencing
/// <c>+sdn/…</c> ipsets must be written only after the SDN apply that creates them.
/// </summary>
/// <param name="GroupName">Security group name (≤ 18 characters).</param>
/// <param name="GroupComment">Security group comment (marks meshd's ownership).</param>
/// <param name="Rules">Group rules in order (none has an interface).</param>
/// <param name="IpSets">Cluster ipsets the rules reference.</param>
/// <param name="ClusterRules">meshd's cluster rules in order; the last is the GROUP rule (see <see cref="GroupRule"/>).</param>
/// <param name="UnboundInterfaces">
/// Interfaces PVE cannot name (e.g. <c>wg-mesh</c>): their rules stay in the group restricted by source address
/// only; rename the interface (e.g. <c>wg_mesh</c>) to bind them to it.
/// </param>
/// <param name="HostOptions">Options the rules depend on.</param>
public sealed record ProxmoxFirewall(
    string GroupName,
    string GroupComment,
    FirewallList<ProxmoxRule> Rules,
    FirewallList<ProxmoxIpSet> IpSets,
    FirewallList<ProxmoxRule> ClusterRules,
    FirewallList<string> UnboundInterfaces,
    FirewallList<ProxmoxHostOption> HostOptions)
{
    /// <summary>The cluster rule (type group) that puts the group into effect: the last of <see cref="ClusterRules"/>.</summary>
    public ProxmoxRule GroupRule => ClusterRules[^1];

    /// <summary>True when a rule references an SDN ipset (write it only after the SDN apply).</summary>
    public bool NeedsSdnIpSets => Rules.Concat(ClusterRules).Any(r => (r.Source ?? string.Empty).StartsWith("+sdn/", StringComparison.Ordinal)
        || (r.Dest ?? string.Empty).StartsWith("+sdn/", StringComparison.Ordinal));
}

namespace Mesh.Firewall;

/// <summary>One rule of a Proxmox security group, fields as the API names them (null = omitted).</summary>
/// <param name="Type"><c>in</c> or <c>forward</c>.</param>
/// <param name="Action"><c>ACCEPT</c> or <c>DROP</c>.</param>
/// <param name="Source">Address spec or ipset reference.</param>
/// <param name="Dest">Address spec or ipset reference.</param>
/// <param name="Proto">Protocol (tcp, udp, icmp).</param>
/// <param name="Dport">Destination ports (<c>80,443,8000:8100</c>).</param>
/// <param name="Iface">Incoming interface.</param>
/// <param name="Log">Log level.</param>
/// <param name="Comment">Why the rule exists.</param>
public sealed record ProxmoxRule(
    string Type,
    string Action,
    string? Source,
    string? Dest,
    string? Proto,
    string? Dport,
    string? Iface,
    string Log,
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
/// Everything Proxmox needs for one site: the security group, the ipsets it references, the cluster-level rule
/// that activates the group, and the host options. Rules referencing <c>+sdn/…</c> ipsets must be written only
/// after the SDN apply that creates them.
/// </summary>
/// <param name="GroupName">Security group name (≤ 18 characters).</param>
/// <param name="GroupComment">Security group comment (marks meshd's ownership).</param>
/// <param name="Rules">Group rules in order.</param>
/// <param name="IpSets">Cluster ipsets the rules reference.</param>
/// <param name="ClusterGroupRule">The cluster rule (type group) that puts the group into effect.</param>
/// <param name="HostOptions">Options the rules depend on.</param>
public sealed record ProxmoxFirewall(
    string GroupName,
    string GroupComment,
    FirewallList<ProxmoxRule> Rules,
    FirewallList<ProxmoxIpSet> IpSets,
    ProxmoxRule ClusterGroupRule,
    FirewallList<ProxmoxHostOption> HostOptions)
{
    /// <summary>True when a rule references an SDN ipset (write it only after the SDN apply).</summary>
    public bool NeedsSdnIpSets => Rules.Any(r => (r.Source ?? string.Empty).StartsWith("+sdn/", StringComparison.Ordinal)
        || (r.Dest ?? string.Empty).StartsWith("+sdn/", StringComparison.Ordinal));
}

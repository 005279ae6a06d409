namespace ProxmoxSdn.Model;

/// <summary>One rule of a cluster security group (fields as the PVE API names them).</summary>
/// <param name="Type">in, out, forward or group.</param>
/// <param name="Action">ACCEPT, DROP, REJECT or a group name.</param>
public sealed record FirewallRule(string Type, string Action)
{
    /// <summary>Source address spec (may reference <c>+sdn/&lt;vnet&gt;-all</c>).</summary>
    public string? Source { get; init; }

    /// <summary>Destination address spec.</summary>
    public string? Dest { get; init; }

    /// <summary>Protocol.</summary>
    public string? Proto { get; init; }

    /// <summary>Destination ports.</summary>
    public string? Dport { get; init; }

    /// <summary>Source ports.</summary>
    public string? Sport { get; init; }

    /// <summary>Predefined macro.</summary>
    public string? Macro { get; init; }

    /// <summary>Interface name.</summary>
    public string? Iface { get; init; }

    /// <summary>Log level.</summary>
    public string? Log { get; init; }

    /// <summary>Comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Whether the rule is enabled (PVE creates rules disabled unless told).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Whether the rule references an SDN ipset, which exists only after an SDN apply.</summary>
    public bool ReferencesSdnIpset =>
        (Source?.Contains("+sdn/", StringComparison.Ordinal) ?? false) || (Dest?.Contains("+sdn/", StringComparison.Ordinal) ?? false);
}

/// <summary>A cluster security group with its rules in order (position 0 first).</summary>
/// <param name="Name">Group name (2-18 chars, <c>[A-Za-z][A-Za-z0-9\-_]+</c>).</param>
/// <param name="Comment">Comment; meshd prefixes it with its ownership marker.</param>
/// <param name="Rules">Rules in order.</param>
public sealed record FirewallGroup(string Name, string? Comment, ValueList<FirewallRule> Rules);

/// <summary>A cluster ipset (<c>/cluster/firewall/ipset</c>) referenced by rules as <c>+name</c>.</summary>
/// <param name="Name">Ipset name (2-64 chars, <c>[A-Za-z][A-Za-z0-9\-_]+</c>).</param>
/// <param name="Comment">Comment; meshd prefixes it with its ownership marker.</param>
/// <param name="Cidrs">Entries: addresses or networks (a /32 or /128 is written as the bare address, as PVE stores it).</param>
public sealed record FirewallIpSet(string Name, string? Comment, ValueList<string> Cidrs);

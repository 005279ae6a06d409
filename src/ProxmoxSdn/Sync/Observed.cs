namespace ProxmoxSdn.Sync;

/// <summary>
/// An SDN object as the API reports it with <c>pending=1</c>: <see cref="Properties"/> is the effective
/// (pending) configuration; <see cref="State"/> is PVE's new/changed/deleted or null when applied.
/// </summary>
public sealed record ObservedObject(string Id, IReadOnlyDictionary<string, string> Properties, string? State)
{
    /// <summary>Whether the object is deleted in the pending configuration (gone after the next apply).</summary>
    public bool PendingDelete => State == "deleted";

    /// <summary>A property or null.</summary>
    public string? this[string key] => Properties.TryGetValue(key, out var v) ? v : null;
}

/// <summary>A security group with its rules (position order) as read back.</summary>
public sealed record ObservedGroup(string Name, string? Comment, IReadOnlyList<IReadOnlyDictionary<string, string>>? Rules);

/// <summary>One entry of a cluster ipset as read back.</summary>
/// <param name="Cidr">Address or network as PVE stores it.</param>
/// <param name="NoMatch">Whether the entry is an exclusion (<c>nomatch</c>).</param>
public sealed record ObservedIpSetEntry(string Cidr, bool NoMatch);

/// <summary>A cluster ipset; <see cref="Entries"/> is read only for ipsets meshd owns (else null).</summary>
public sealed record ObservedIpSet(string Name, string? Comment, IReadOnlyList<ObservedIpSetEntry>? Entries);

/// <summary>The datacenter-level rules (<c>GET /cluster/firewall/rules</c>) in position order, all of them (also foreign ones).</summary>
/// <param name="Rules">Each rule's properties without <c>pos</c>, <c>digest</c> and <c>ipversion</c>.</param>
/// <param name="Digest">PVE's digest of the whole list (sent with PUT/DELETE so a concurrent edit is refused); null for an empty list.</param>
public sealed record ObservedClusterRules(IReadOnlyList<IReadOnlyDictionary<string, string>> Rules, string? Digest)
{
    /// <summary>No cluster rules.</summary>
    public static ObservedClusterRules Empty { get; } = new([], null);
}

/// <summary>What a cluster reports: SDN objects (pending view), security groups, cluster ipsets, cluster rules and nodes.</summary>
public sealed record ObservedCluster(
    IReadOnlyList<ObservedObject> Controllers,
    IReadOnlyList<ObservedObject> Zones,
    IReadOnlyList<ObservedObject> Vnets,
    IReadOnlyList<ObservedObject> Subnets,
    IReadOnlyList<ObservedGroup> Groups,
    IReadOnlyList<string> Nodes)
{
    /// <summary>Cluster ipsets (<c>/cluster/firewall/ipset</c>).</summary>
    public IReadOnlyList<ObservedIpSet> IpSets { get; init; } = [];

    /// <summary>Datacenter-level rules (<c>/cluster/firewall/rules</c>).</summary>
    public ObservedClusterRules ClusterRules { get; init; } = ObservedClusterRules.Empty;

    /// <summary>A cluster without SDN objects or security groups (for an offline plan of a new site).</summary>
    public static ObservedCluster Empty(params string[] nodes) => new([], [], [], [], [], nodes);
}

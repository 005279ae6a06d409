namespace ProxmoxSdn.Model;

/// <summary>
/// Everything meshd wants on one Proxmox cluster. Ownership: the named controller and zones, every
/// vnet inside a named zone, every subnet of such a vnet, and every security group, cluster ipset and cluster-level
/// rule whose comment starts with <see cref="OwnershipMarker"/> (plus the groups and ipsets named here). Nothing else
/// is touched.
/// </summary>
public sealed record ClusterDesiredState(
    SdnController Controller,
    ValueList<SdnZone> Zones,
    ValueList<SdnVnet> Vnets,
    ValueList<SdnSubnet> Subnets,
    ValueList<FirewallGroup> FirewallGroups)
{
    /// <summary>Prefix of the comment of security groups, ipsets and cluster rules meshd owns.</summary>
    public const string OwnershipMarker = "[meshd]";

    /// <summary>
    /// Cluster ipsets the group rules reference as <c>+name</c> (address lists too long for a rule field). Created and
    /// filled before the rules that use them are written; owned ipsets no longer listed are deleted after the rules.
    /// </summary>
    public ValueList<FirewallIpSet> IpSets { get; init; } = ValueList<FirewallIpSet>.Empty;

    /// <summary>
    /// Datacenter-level rules (<c>/cluster/firewall/rules</c>) in order, typically one rule of type <c>group</c> whose
    /// action names a security group: a group does nothing in PVE until such a rule references it. Their comments get
    /// the ownership marker; owned cluster rules no longer listed are deleted, foreign ones keep their place and order.
    /// New rules go to the top of the list (PVE's insert position, where the seed's admin put the group by hand);
    /// an existing rule of ours is updated where it is, so an administrator may move it.
    /// </summary>
    public ValueList<FirewallRule> ClusterRules { get; init; } = ValueList<FirewallRule>.Empty;

    /// <summary>Every problem with a path (e.g. <c>zones[0].id</c>); empty when valid.</summary>
    public IReadOnlyList<string> Validate() => DesiredStateValidator.Validate(this);
}

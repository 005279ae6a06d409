namespace ProxmoxSdn.Model;

/// <summary>
/// Everything meshd wants on one Proxmox cluster. Ownership: the named controller and zones, every
/// vnet inside a named zone, every subnet of such a vnet, and every security group and cluster ipset whose
/// comment starts with <see cref="OwnershipMarker"/> (plus the groups and ipsets named here). Nothing else is touched.
/// </summary>
public sealed record ClusterDesiredState(
    SdnController Controller,
    ValueList<SdnZone> Zones,
    ValueList<SdnVnet> Vnets,
    ValueList<SdnSubnet> Subnets,
    ValueList<FirewallGroup> FirewallGroups)
{
    /// <summary>Prefix of the comment of security groups and ipsets meshd owns.</summary>
    public const string OwnershipMarker = "[meshd]";

    /// <summary>
    /// Cluster ipsets the group rules reference as <c>+name</c> (address lists too long for a rule field). Created and
    /// filled before the rules that use them are written; owned ipsets no longer listed are deleted after the rules.
    /// </summary>
    public ValueList<FirewallIpSet> IpSets { get; init; } = ValueList<FirewallIpSet>.Empty;

    /// <summary>Every problem with a path (e.g. <c>zones[0].id</c>); empty when valid.</summary>
    public IReadOnlyList<string> Validate() => DesiredStateValidator.Validate(this);
}

namespace ProxmoxSdn.Model;

/// <summary>
/// Everything meshd wants on one Proxmox cluster. Ownership: the named controller and zones, every
/// vnet inside a named zone, every subnet of such a vnet, and every security group whose comment
/// starts with <see cref="OwnershipMarker"/> (plus the groups named here). Nothing else is touched.
/// </summary>
public sealed record ClusterDesiredState(
    SdnController Controller,
    ValueList<SdnZone> Zones,
    ValueList<SdnVnet> Vnets,
    ValueList<SdnSubnet> Subnets,
    ValueList<FirewallGroup> FirewallGroups)
{
    /// <summary>Prefix of the comment of security groups meshd owns.</summary>
    public const string OwnershipMarker = "[meshd]";

    /// <summary>Every problem with a path (e.g. <c>zones[0].id</c>); empty when valid.</summary>
    public IReadOnlyList<string> Validate() => DesiredStateValidator.Validate(this);
}

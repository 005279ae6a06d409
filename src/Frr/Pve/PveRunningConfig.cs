namespace Frr;

/// <summary>
/// The parts of Proxmox's SDN running config (/etc/pve/sdn/.running-config) that decide the FRR
/// configuration. Parse it with <see cref="PveRunningConfigParser"/>.
/// </summary>
/// <param name="Controllers">Controllers by id (evpn, bgp, isis, faucet).</param>
/// <param name="Zones">Zones by id.</param>
/// <param name="Vnets">Vnets by id.</param>
/// <param name="Subnets">Subnets by id (`zone-network-prefixlength`).</param>
public sealed record PveRunningConfig(
    ValueList<PveController> Controllers,
    ValueList<PveZone> Zones,
    ValueList<PveVnet> Vnets,
    ValueList<PveSubnet> Subnets);

/// <summary>An SDN controller.</summary>
/// <param name="Id">Controller id.</param>
/// <param name="Type">evpn, bgp, isis or faucet.</param>
/// <param name="Asn">AS number as written (compared as text, like Proxmox does).</param>
/// <param name="Peers">Peer addresses as written.</param>
/// <param name="Node">Node a bgp/isis controller belongs to.</param>
/// <param name="Ebgp">bgp: eBGP towards the peers.</param>
/// <param name="EbgpMultihop">bgp: ebgp-multihop value.</param>
/// <param name="Loopback">bgp/isis: loopback interface used as source.</param>
/// <param name="MultipathRelax">bgp: bestpath as-path multipath-relax.</param>
/// <param name="Fabric">evpn: SDN fabric used as underlay (not supported here).</param>
public sealed record PveController(
    string Id,
    string Type,
    string? Asn,
    ValueList<string> Peers,
    string? Node,
    bool Ebgp,
    int? EbgpMultihop,
    string? Loopback,
    bool MultipathRelax,
    string? Fabric);

/// <summary>An SDN zone (only evpn zones with a controller produce FRR configuration).</summary>
/// <param name="Id">Zone id.</param>
/// <param name="Type">Zone type.</param>
/// <param name="Controller">Controller id or null.</param>
/// <param name="VrfVxlan">L3VNI of the zone's VRF.</param>
/// <param name="ExitNodes">Exit node names.</param>
/// <param name="ExitNodesPrimary">Primary exit node or null.</param>
/// <param name="AdvertiseSubnets">advertise-subnets.</param>
/// <param name="ExitNodesLocalRouting">exitnodes-local-routing.</param>
/// <param name="RtImport">Extra route targets to import.</param>
public sealed record PveZone(
    string Id,
    string Type,
    string? Controller,
    int? VrfVxlan,
    ValueList<string> ExitNodes,
    string? ExitNodesPrimary,
    bool AdvertiseSubnets,
    bool ExitNodesLocalRouting,
    ValueList<string> RtImport);

/// <summary>A vnet.</summary>
/// <param name="Id">Vnet id.</param>
/// <param name="Zone">Zone id.</param>
/// <param name="Tag">VNI (tag) or null.</param>
public sealed record PveVnet(string Id, string? Zone, int? Tag);

/// <summary>A subnet; zone and CIDR come from the id `zone-network-length`.</summary>
/// <param name="Id">Subnet id.</param>
/// <param name="Zone">Zone id (from the id).</param>
/// <param name="Network">Network address text (from the id).</param>
/// <param name="PrefixLength">Prefix length (from the id).</param>
/// <param name="Vnet">Vnet id.</param>
public sealed record PveSubnet(string Id, string Zone, string Network, int PrefixLength, string? Vnet)
{
    /// <summary>`network/length`.</summary>
    public string Cidr => $"{Network}/{PrefixLength}";
}

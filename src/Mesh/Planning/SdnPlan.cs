using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>The Proxmox SDN objects of a proxmox node's cluster (site).</summary>
/// <param name="Controller">The EVPN controller.</param>
/// <param name="Zone">The EVPN zone.</param>
/// <param name="Vnet">The vnet.</param>
/// <param name="Subnets">The site's subnets on the vnet, sorted.</param>
public sealed record SdnPlan(SdnController Controller, SdnZone Zone, SdnVnet Vnet, EquatableArray<SdnSubnet> Subnets);

/// <summary><c>/cluster/sdn/controllers/{id}</c>.</summary>
/// <param name="Id">Controller id.</param>
/// <param name="Type">Always evpn.</param>
/// <param name="Asn">AS number.</param>
/// <param name="Peers">Every VTEP of the mesh (or the route reflectors), sorted; derived from membership.</param>
public sealed record SdnController(string Id, string Type, Asn Asn, EquatableArray<IPAddress> Peers);

/// <summary><c>/cluster/sdn/zones/{id}</c>.</summary>
/// <param name="Id">Zone id.</param>
/// <param name="Type">Always evpn.</param>
/// <param name="Controller">Controller id.</param>
/// <param name="VrfVxlan">L3 VNI.</param>
/// <param name="ExitNodes">The site's exit nodes, sorted.</param>
/// <param name="ExitNodesLocalRouting">Always false.</param>
/// <param name="AdvertiseSubnets">advertise-subnets.</param>
/// <param name="DisableArpNdSuppression">disable-arp-nd-suppression.</param>
/// <param name="Mtu">Computed overlay MTU.</param>
/// <param name="Ipam">Always pve.</param>
public sealed record SdnZone(
    SdnId Id,
    string Type,
    string Controller,
    Vni VrfVxlan,
    EquatableArray<string> ExitNodes,
    bool ExitNodesLocalRouting,
    bool AdvertiseSubnets,
    bool DisableArpNdSuppression,
    int Mtu,
    string Ipam);

/// <summary><c>/cluster/sdn/vnets/{id}</c>.</summary>
/// <param name="Id">Vnet id.</param>
/// <param name="Zone">Zone id.</param>
/// <param name="Tag">L2 VNI.</param>
/// <param name="Alias">Alias, or null.</param>
public sealed record SdnVnet(SdnId Id, SdnId Zone, Vni Tag, string? Alias);

/// <summary><c>/cluster/sdn/vnets/{vnet}/subnets/{id}</c>.</summary>
/// <param name="Id">Subnet id <c>&lt;zone&gt;-&lt;net&gt;-&lt;len&gt;</c>.</param>
/// <param name="Cidr">Network.</param>
/// <param name="Gateway">Gateway.</param>
/// <param name="Snat">snat.</param>
public sealed record SdnSubnet(string Id, IPNetwork Cidr, IPAddress Gateway, bool Snat);

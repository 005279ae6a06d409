using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>The BGP-EVPN intent of a node.</summary>
/// <param name="Asn">iBGP AS number.</param>
/// <param name="RouterId">BGP router id (the VTEP IPv4 address).</param>
/// <param name="VtepIp">Local VTEP address (the WireGuard address).</param>
/// <param name="RouteReflector">True when this node is a route reflector (no VTEP, no vnets).</param>
/// <param name="Neighbors">BGP neighbours: every other VTEP, or only the route reflectors; sorted.</param>
/// <param name="RouteReflectorClients">For route reflectors: every VTEP, sorted.</param>
/// <param name="ListenRanges">For route reflectors: <c>bgp listen range</c> networks (all site ranges), sorted.</param>
/// <param name="Vrf">VRF name <c>vrf_&lt;zone&gt;</c>.</param>
/// <param name="L3Vni">The zone's L3 VNI.</param>
/// <param name="Vnets">Vnets with their L2 VNI and this site's subnets.</param>
/// <param name="ExitNode">True when this node is an exit node of its site.</param>
/// <param name="AdvertiseSubnets">Announce whole subnets.</param>
/// <param name="ArpNdSuppression">ARP/ND suppression on the vxlan devices.</param>
public sealed record EvpnPlan(
    Asn Asn,
    IPAddress RouterId,
    IPAddress VtepIp,
    bool RouteReflector,
    EquatableArray<IPAddress> Neighbors,
    EquatableArray<IPAddress> RouteReflectorClients,
    EquatableArray<IPNetwork> ListenRanges,
    string Vrf,
    Vni L3Vni,
    EquatableArray<EvpnVnet> Vnets,
    bool ExitNode,
    bool AdvertiseSubnets,
    bool ArpNdSuppression);

/// <summary>A vnet as seen by one node.</summary>
/// <param name="Id">Vnet id (also the bridge name).</param>
/// <param name="Vni">L2 VNI.</param>
/// <param name="Subnets">Subnets local to the node's site, sorted.</param>
public sealed record EvpnVnet(SdnId Id, Vni Vni, EquatableArray<SubnetPlan> Subnets);

/// <summary>An overlay subnet with its anycast gateway.</summary>
/// <param name="Cidr">Network.</param>
/// <param name="Gateway">Gateway address.</param>
/// <param name="Snat">Source NAT on exit nodes.</param>
public sealed record SubnetPlan(IPNetwork Cidr, IPAddress Gateway, bool Snat);

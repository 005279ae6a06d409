using System.Net;

namespace Frr;

/// <summary>
/// What a native (non-Proxmox) EVPN node needs, independent of the mesh: the daemon maps its plan onto
/// this. <see cref="EvpnConfigBuilder"/> turns it into the same configuration a Proxmox node renders for
/// the same zone (VTEP peer group, MAP_VTEP_* route maps, vrf_ZONE with its L3VNI, exit-node rules),
/// plus what a WAN underlay needs: explicit timers, optional BFD, route reflection.
/// </summary>
public sealed record EvpnNodeConfig
{
    /// <summary>Keepalive 10 s / hold 30 s. Proxmox's `frr defaults datacenter` means 3/9 s, which over a WAN
    /// WireGuard underlay (a few lost packets, an endpoint change after a DDNS update, a congested uplink)
    /// resets every EVPN session and flushes all remote MACs; 10/30 keeps RFC 4271's 1:3 ratio, detects a dead
    /// peer within 30 s, and BFD (when both ends run bfdd) still gives sub-second detection.
    /// Connect retry 10 s (the datacenter default, 120 s in the traditional profile) so a returning site is
    /// picked up quickly whatever the defaults profile.</summary>
    public static BgpTimers WanTimers { get; } = new(10, 30, 10);

    /// <summary>`hostname` line.</summary>
    public required string Hostname { get; init; }

    /// <summary>`frr version` header: the installed FRR version (it selects defaults).</summary>
    public required string FrrVersion { get; init; }

    /// <summary>AS number shared by all VTEPs of the fabric (iBGP, like Proxmox's evpn controller).</summary>
    public required long Asn { get; init; }

    /// <summary>BGP router id (IPv4).</summary>
    public required IPAddress RouterId { get; init; }

    /// <summary>This node's VTEP (underlay) address.</summary>
    public required IPAddress LocalVtep { get; init; }

    /// <summary>Members of the VTEP peer group: every other VTEP (full mesh), the route reflectors, or, on a
    /// route reflector, its statically known clients. The local address is ignored if present.</summary>
    public ValueList<IPAddress> Peers { get; init; } = [];

    /// <summary>Set when this node is a route reflector for the VTEP group.</summary>
    public EvpnRouteReflector? RouteReflector { get; init; }

    /// <summary>Tenant VRFs (Proxmox zones) with their L3VNIs.</summary>
    public ValueList<EvpnVrf> Vrfs { get; init; } = [];

    /// <summary>L2VNIs served here. FRR learns them from the kernel vxlan devices (advertise-all-vni), so they
    /// render nothing; they are validated (range, no clash with an L3VNI).</summary>
    public ValueList<int> L2Vnis { get; init; } = [];

    /// <summary>Timers for the VTEP group; null keeps FRR's defaults (3/9 s with datacenter defaults).</summary>
    public BgpTimers? Timers { get; init; } = WanTimers;

    /// <summary>`neighbor VTEP bfd`: only when both ends run bfdd (Proxmox nodes do).</summary>
    public bool Bfd { get; init; }

    /// <summary>Optional BFD profile for the VTEP group (only with <see cref="Bfd"/>).</summary>
    public BfdProfile? BfdProfile { get; init; }
}

/// <summary>Route reflector settings.</summary>
/// <param name="ListenRanges">`bgp listen range PREFIX peer-group VTEP`: accept VTEPs from these ranges without listing them.</param>
/// <param name="ClusterId">`bgp cluster-id` (set the same on redundant reflectors), or null.</param>
public sealed record EvpnRouteReflector(ValueList<IPNetwork> ListenRanges, IPAddress? ClusterId = null);

/// <summary>A tenant VRF (a Proxmox evpn zone).</summary>
/// <param name="Zone">Zone id; the VRF is `vrf_ZONE`, like Proxmox names it.</param>
/// <param name="L3Vni">The zone's vrf-vxlan.</param>
/// <param name="ExitNode">This node is an exit node (routes the zone to the outside, announces a default route).</param>
/// <param name="SecondaryExitNode">Another exit node is primary: announce the default route with metric 200.</param>
/// <param name="AdvertiseSubnets">Announce connected subnets as type-5 routes (non-exit nodes).</param>
/// <param name="RtImport">Extra route targets to import (ASN:NN).</param>
/// <param name="OtherZoneSubnets">Exit nodes: other zones' subnets, null-routed so the exit node never routes between zones.</param>
public sealed record EvpnVrf(
    string Zone,
    int L3Vni,
    bool ExitNode = false,
    bool SecondaryExitNode = false,
    bool AdvertiseSubnets = false,
    ValueList<string>? RtImport = null,
    ValueList<IPNetwork>? OtherZoneSubnets = null);

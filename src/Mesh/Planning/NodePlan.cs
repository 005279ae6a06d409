using System.Net;
using Mesh.Collections;
using Mesh.Firewall;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>Everything one node must become, derived purely from the spec. Collections are sorted; equal specs give equal plans.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Site">Site name.</param>
/// <param name="Role">Node role.</param>
/// <param name="Dataplane">WireGuard implementation (auto is resolved by the daemon).</param>
/// <param name="WireGuard">The WireGuard underlay interface.</param>
/// <param name="Mtu">MTUs of the underlay, WireGuard and overlay.</param>
/// <param name="Evpn">BGP-EVPN intent (for FRR on native nodes and route reflectors; informational on proxmox nodes).</param>
/// <param name="Links">Kernel devices meshd creates (native nodes only).</param>
/// <param name="Sdn">Proxmox SDN objects of the node's cluster (proxmox nodes only).</param>
/// <param name="Firewall">The node's firewall (<see cref="FirewallGenerator"/>: site-wide rules for WireGuard, BGP, VXLAN, the vnet and <c>overlay.firewall.allow</c>, plus the node's SNAT).</param>
/// <param name="Sysctls">Kernel settings, sorted by key.</param>
public sealed record NodePlan(
    string Node,
    string Site,
    NodeRole Role,
    Dataplane Dataplane,
    WireGuardPlan WireGuard,
    MtuPlan Mtu,
    EvpnPlan Evpn,
    LinksPlan? Links,
    SdnPlan? Sdn,
    FirewallPlan Firewall,
    EquatableArray<SysctlSetting> Sysctls);

/// <summary>The WireGuard interface of a node.</summary>
/// <param name="Interface">Interface name.</param>
/// <param name="Address">The node's WireGuard address.</param>
/// <param name="PrefixLength">Prefix of the site range (the interface address is Address/PrefixLength).</param>
/// <param name="ListenPort">UDP listen port.</param>
/// <param name="PrivateKeyPath">Where the node keeps its private key (the key itself is never in a plan).</param>
/// <param name="Mtu">Interface MTU.</param>
/// <param name="Peers">Peers sorted by name; no two claim the same allowed IP.</param>
/// <param name="Routes">Networks routed into the interface beyond the connected site range, sorted.</param>
public sealed record WireGuardPlan(
    InterfaceName Interface,
    IPAddress Address,
    int PrefixLength,
    int ListenPort,
    string PrivateKeyPath,
    int Mtu,
    EquatableArray<WireGuardPeerPlan> Peers,
    EquatableArray<IPNetwork> Routes);

/// <summary>One WireGuard peer.</summary>
/// <param name="Name">Peer node name.</param>
/// <param name="Site">Peer site.</param>
/// <param name="PublicKey">Peer public key.</param>
/// <param name="EndpointHost">DNS name or IP literal (unresolved), or null when the peer only initiates.</param>
/// <param name="EndpointPort">UDP port, or null with no endpoint.</param>
/// <param name="AllowedIps">Allowed IPs, sorted.</param>
/// <param name="PersistentKeepalive">Keepalive seconds (0 = off).</param>
public sealed record WireGuardPeerPlan(
    string Name,
    string Site,
    WireGuardKey PublicKey,
    string? EndpointHost,
    int? EndpointPort,
    EquatableArray<IPNetwork> AllowedIps,
    int PersistentKeepalive);

/// <summary>MTUs computed from the underlay path (see ARCHITECTURE.md, "MTU, exactly").</summary>
/// <param name="UnderlayMtu">MTU of the node's underlay path.</param>
/// <param name="OuterFamily">Family of the outer (underlay) IP header.</param>
/// <param name="WireGuardMtu">Underlay MTU minus 60 (IPv4) or 80 (IPv6).</param>
/// <param name="OverlayMtu">VM MTU for the whole mesh: the smallest node's WireGuard MTU minus 50 (IPv4 VTEPs), or the spec's override.</param>
public sealed record MtuPlan(int UnderlayMtu, UnderlayFamily OuterFamily, int WireGuardMtu, int OverlayMtu);

/// <summary>A kernel setting.</summary>
/// <param name="Key">sysctl key, e.g. net.ipv4.ip_forward.</param>
/// <param name="Value">Value as written to /proc/sys.</param>
public sealed record SysctlSetting(string Key, string Value);

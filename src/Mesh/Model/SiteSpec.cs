using System.Net;
using Mesh.Collections;

namespace Mesh.Model;

/// <summary>A site, usually one Proxmox cluster.</summary>
/// <param name="Name">Site name.</param>
/// <param name="Range">Underlay range holding the site's WireGuard addresses (e.g. 10.1.0.0/16).</param>
/// <param name="Proxmox">Proxmox API access, when the site is a PVE cluster meshd syncs.</param>
/// <param name="ExitNodes">Names of the site's EVPN exit nodes, sorted.</param>
/// <param name="Gateways">Names of the site's gateway nodes (topology <c>gateways</c>), sorted; the first is the primary.</param>
/// <param name="Subnets">Overlay subnets of the site, sorted by address.</param>
/// <param name="Nodes">Nodes sorted by name.</param>
public sealed record SiteSpec(
    string Name,
    IPNetwork Range,
    ProxmoxAccess? Proxmox,
    EquatableArray<string> ExitNodes,
    EquatableArray<string> Gateways,
    EquatableArray<SubnetSpec> Subnets,
    EquatableArray<NodeSpec> Nodes);

/// <summary>How meshd reaches a site's Proxmox API. The token itself lives in a file (mode 0600), never in the spec.</summary>
/// <param name="Url">API base URL, e.g. https://pve1.roz.example.net:8006.</param>
/// <param name="TokenFile">Absolute path of the file holding <c>USER@REALM!TOKENID=SECRET</c>.</param>
/// <param name="Fingerprint">SHA-256 fingerprint of the API certificate to pin (AA:BB:...), or null for system trust.</param>
public sealed record ProxmoxAccess(Uri Url, string TokenFile, string? Fingerprint);

/// <summary>An overlay subnet of a site.</summary>
/// <param name="Cidr">Network, e.g. 10.1.1.0/24.</param>
/// <param name="Gateway">Anycast gateway address inside the network.</param>
/// <param name="Snat">Source-NAT the subnet to the exit node's address for internet access (default true).</param>
public sealed record SubnetSpec(IPNetwork Cidr, IPAddress Gateway, bool Snat);

/// <summary>A node of a site.</summary>
/// <param name="Name">Node name (for Proxmox nodes: the PVE node name).</param>
/// <param name="Role">proxmox, native or route-reflector.</param>
/// <param name="Dataplane">WireGuard implementation.</param>
/// <param name="Address">WireGuard (underlay) IPv4 address inside the site range; also the VTEP address.</param>
/// <param name="PublicKey">WireGuard public key.</param>
/// <param name="Endpoint">Where peers reach the node, or null when only the node initiates.</param>
/// <param name="UnderlayMtu">MTU of the underlay path (default 1500).</param>
/// <param name="UnderlayFamily">Family of the underlay path (from a literal endpoint, else ipv4).</param>
public sealed record NodeSpec(
    string Name,
    NodeRole Role,
    Dataplane Dataplane,
    IPAddress Address,
    WireGuardKey PublicKey,
    Endpoint? Endpoint,
    int UnderlayMtu,
    UnderlayFamily UnderlayFamily);

using System.Text.Json.Serialization;

namespace Mesh.Model;

/// <summary>What a node is.</summary>
public enum NodeRole
{
    /// <summary>A Proxmox VE node: PVE SDN owns the EVPN devices and frr.conf, meshd owns the underlay and syncs SDN objects.</summary>
    [JsonStringEnumMemberName("proxmox")]
    Proxmox,

    /// <summary>A Debian node without Proxmox: meshd owns WireGuard, VXLAN/bridge/VRF devices and FRR.</summary>
    [JsonStringEnumMemberName("native")]
    Native,

    /// <summary>A native node that only runs BGP as a route reflector (no VTEP).</summary>
    [JsonStringEnumMemberName("route-reflector")]
    RouteReflector,
}

/// <summary>Which WireGuard implementation a node uses.</summary>
public enum Dataplane
{
    /// <summary>Kernel when the generic-netlink family <c>wireguard</c> resolves, otherwise userspace.</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>The kernel module.</summary>
    [JsonStringEnumMemberName("kernel")]
    Kernel,

    /// <summary>meshd's own userspace dataplane on a TUN device.</summary>
    [JsonStringEnumMemberName("userspace")]
    Userspace,
}

/// <summary>Address family of the underlay path (the outer IP header of WireGuard packets).</summary>
public enum UnderlayFamily
{
    /// <summary>IPv4 (20-byte outer header).</summary>
    [JsonStringEnumMemberName("ipv4")]
    Ipv4,

    /// <summary>IPv6 (40-byte outer header).</summary>
    [JsonStringEnumMemberName("ipv6")]
    Ipv6,
}

/// <summary>How nodes peer.</summary>
public enum TopologyMode
{
    /// <summary>Every node peers with every other node (WireGuard and iBGP).</summary>
    [JsonStringEnumMemberName("full-mesh")]
    FullMesh,

    /// <summary>Nodes peer inside their site; only the sites' gateway nodes peer across sites.</summary>
    [JsonStringEnumMemberName("gateways")]
    Gateways,

    /// <summary>WireGuard full mesh; BGP sessions only to the route reflectors.</summary>
    [JsonStringEnumMemberName("route-reflectors")]
    RouteReflectors,
}

/// <summary>Transport protocol of a firewall rule.</summary>
public enum FirewallProtocol
{
    /// <summary>TCP.</summary>
    [JsonStringEnumMemberName("tcp")]
    Tcp,

    /// <summary>UDP.</summary>
    [JsonStringEnumMemberName("udp")]
    Udp,

    /// <summary>ICMP / ICMPv6 (no ports).</summary>
    [JsonStringEnumMemberName("icmp")]
    Icmp,
}

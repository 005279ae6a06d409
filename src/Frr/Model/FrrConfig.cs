namespace Frr;

/// <summary>
/// A complete frr.conf as data: the header, VRFs with their VNIs, BGP instances, prefix lists,
/// route maps, static routes, protocol route maps and BFD profiles. <see cref="FrrRenderer"/> turns it
/// into text deterministically (sections in a fixed order, named items sorted by name).
/// </summary>
public sealed record FrrConfig
{
    /// <summary>The `frr version` header; selects defaults, so emit the installed version.</summary>
    public required string Version { get; init; }

    /// <summary>The `hostname` line.</summary>
    public required string Hostname { get; init; }

    /// <summary>The `frr defaults` profile (Proxmox uses datacenter).</summary>
    public string Defaults { get; init; } = "datacenter";

    /// <summary>`vrf NAME` blocks (rendered sorted by name).</summary>
    public ValueList<VrfConfig> Vrfs { get; init; } = [];

    /// <summary>`router bgp` instances (default VRF first, then sorted by VRF name).</summary>
    public ValueList<BgpRouter> BgpRouters { get; init; } = [];

    /// <summary>Prefix lists (rendered sorted by name).</summary>
    public ValueList<PrefixList> PrefixLists { get; init; } = [];

    /// <summary>Route maps (rendered sorted by name, entries in list order).</summary>
    public ValueList<RouteMap> RouteMaps { get; init; } = [];

    /// <summary>Static routes in the default VRF, in list order.</summary>
    public ValueList<StaticRoute> StaticRoutes { get; init; } = [];

    /// <summary>`ip protocol bgp route-map X` style statements (rendered sorted by protocol).</summary>
    public ValueList<ProtocolRouteMap> ProtocolRouteMaps { get; init; } = [];

    /// <summary>BFD profiles (a `bfd` block, only when not empty).</summary>
    public ValueList<BfdProfile> BfdProfiles { get; init; } = [];
}

/// <summary>A `vrf NAME` block: its L3VNI and static routes inside the VRF.</summary>
/// <param name="Name">VRF (kernel device) name.</param>
/// <param name="Vni">The L3VNI (`vni N`), or null.</param>
/// <param name="Routes">Static routes inside the VRF.</param>
public sealed record VrfConfig(string Name, int? Vni, ValueList<StaticRoute> Routes);

/// <summary>A static route: `ip route PREFIX VIA [VRF]`.</summary>
/// <param name="Prefix">Destination prefix text, e.g. 10.0.0.0/24.</param>
/// <param name="Via">Next hop, interface or `null0`.</param>
/// <param name="NexthopVrf">Optional trailing token (next-hop VRF or interface), e.g. xvrf_zone.</param>
/// <param name="IsIpv6">Renders `ipv6 route` when true.</param>
public sealed record StaticRoute(string Prefix, string Via, string? NexthopVrf, bool IsIpv6);

/// <summary>`ip protocol PROTO route-map V4` / `ipv6 protocol PROTO route-map V6`.</summary>
/// <param name="Protocol">Routing protocol (bgp, ospf...).</param>
/// <param name="V4RouteMap">IPv4 route map or null.</param>
/// <param name="V6RouteMap">IPv6 route map or null.</param>
public sealed record ProtocolRouteMap(string Protocol, string? V4RouteMap, string? V6RouteMap);

/// <summary>A BFD profile with its intervals in milliseconds.</summary>
/// <param name="Name">Profile name referenced by `neighbor X bfd profile NAME`.</param>
/// <param name="DetectMultiplier">Missed packets before the session is down.</param>
/// <param name="ReceiveIntervalMs">Desired receive interval.</param>
/// <param name="TransmitIntervalMs">Desired transmit interval.</param>
public sealed record BfdProfile(string Name, int DetectMultiplier, int ReceiveIntervalMs, int TransmitIntervalMs);

using System.Net;

namespace Mesh.Firewall;

/// <summary>Why a generated rule exists; also fixes its position (rules are ordered by kind, then content).</summary>
public enum FirewallRuleKind
{
    /// <summary>WireGuard UDP port in.</summary>
    WireGuard,

    /// <summary>BGP TCP 179 in from peer VTEPs on the WireGuard interface.</summary>
    Bgp,

    /// <summary>VXLAN UDP 4789 in from peer VTEPs on the WireGuard interface.</summary>
    Vxlan,

    /// <summary>Forward from the mesh's overlay subnets to the site's vnet.</summary>
    OverlayToVnet,

    /// <summary>Forward from the site's vnet to the mesh's overlay subnets.</summary>
    VnetToOverlay,

    /// <summary>Input from the vnet's hosts to its gateway addresses.</summary>
    Gateway,

    /// <summary>Forward from the vnet to the internet on a site with an exit node.</summary>
    Exit,

    /// <summary>An extra rule from the spec.</summary>
    Intent,
}

/// <summary>The SDN ipsets Proxmox creates for every vnet.</summary>
public enum VnetSet
{
    /// <summary><c>+sdn/&lt;vnet&gt;-all</c>: every subnet of the vnet.</summary>
    All,

    /// <summary><c>+sdn/&lt;vnet&gt;-gateway</c>: the gateway addresses.</summary>
    Gateway,

    /// <summary><c>+sdn/&lt;vnet&gt;-no-gateway</c>: the subnets without the gateway addresses.</summary>
    NoGateway,
}

/// <summary>
/// A rule address: any (no networks, no vnet), a normalized list of networks, or a vnet ipset
/// (<see cref="Vnet"/> set) whose <see cref="Networks"/> hold what the ipset contains, for renderers without ipsets.
/// </summary>
public sealed record FirewallAddress(FirewallList<IPNetwork> Networks, string? Vnet = null, VnetSet Set = VnetSet.All)
{
    /// <summary>Matches any address.</summary>
    public static FirewallAddress Any { get; } = new(FirewallList<IPNetwork>.Empty);

    /// <summary>True when the address matches anything.</summary>
    public bool IsAny => Vnet is null && Networks.Count == 0;

    /// <summary>The Proxmox ipset reference, e.g. <c>+sdn/crossvnt-all</c>, or null.</summary>
    public string? ProxmoxIpSet => Vnet is null ? null : Set switch
    {
        VnetSet.Gateway => $"+sdn/{Vnet}-gateway",
        VnetSet.NoGateway => $"+sdn/{Vnet}-no-gateway",
        _ => $"+sdn/{Vnet}-all",
    };

    /// <inheritdoc/>
    public override string ToString() => ProxmoxIpSet ?? (IsAny ? "any" : string.Join(",", Networks));
}

/// <summary>One generated rule, in renderer-neutral form.</summary>
/// <param name="Kind">Why it exists.</param>
/// <param name="Chain">Input or forward.</param>
/// <param name="Action">Accept or drop.</param>
/// <param name="Protocol">Protocol.</param>
/// <param name="DestinationPorts">Destination ports or null.</param>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
/// <param name="InInterface">Incoming interface or null for any.</param>
/// <param name="Comment">Why, in words (mirrors the hand-written rules of the seed).</param>
public sealed record FirewallRule(
    FirewallRuleKind Kind,
    FirewallChain Chain,
    FirewallAction Action,
    FirewallProtocol Protocol,
    PortSpec? DestinationPorts,
    FirewallAddress Source,
    FirewallAddress Destination,
    string? InInterface,
    string Comment);

/// <summary>Source NAT (masquerade) for an exit node's overlay subnet toward the internet.</summary>
/// <param name="Source">The overlay subnet.</param>
/// <param name="ExceptDestinations">Destinations never NATed (the mesh's overlay and underlay ranges).</param>
/// <param name="OutInterface">Uplink interface, or null for any.</param>
/// <param name="Comment">Why.</param>
public sealed record SnatRule(IPNetwork Source, FirewallList<IPNetwork> ExceptDestinations, string? OutInterface, string Comment);

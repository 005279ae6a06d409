using System.Net;

namespace Mesh.Firewall;

/// <summary>
/// Everything the firewall generator needs, independent of the spec model: the planner fills it from the
/// spec for one node. Lists are value-equal, so two equal inputs give equal plans.
/// </summary>
public sealed record FirewallInputs
{
    /// <summary>Mesh name (names the Proxmox security group and comments).</summary>
    public required string MeshName { get; init; }

    /// <summary>Site of the node the plan is for.</summary>
    public required string LocalSite { get; init; }

    /// <summary>Node the plan is for.</summary>
    public required string LocalNode { get; init; }

    /// <summary>WireGuard UDP listen port (the same on every node).</summary>
    public int WireGuardPort { get; init; } = 51820;

    /// <summary>Name of the WireGuard underlay interface on the nodes (BGP/VXLAN are allowed only on it).</summary>
    public required string WireGuardInterface { get; init; }

    /// <summary>Every site of the mesh, the local one included.</summary>
    public required FirewallList<FirewallSite> Sites { get; init; }

    /// <summary>Extra rules from the spec's firewall intent, in spec order.</summary>
    public FirewallList<FirewallIntent> ExtraRules { get; init; } = [];

    /// <summary>Proxmox log level for generated rules (emerg … debug, or nolog).</summary>
    public string LogLevel { get; init; } = "nolog";
}

/// <summary>One site: a Proxmox cluster or a group of native nodes.</summary>
/// <param name="Name">Site name.</param>
/// <param name="UnderlayRange">The site's WireGuard address range (e.g. 10.1.0.0/16).</param>
/// <param name="Nodes">The site's nodes.</param>
/// <param name="Subnets">Overlay (VM) subnets of the site's vnet.</param>
/// <param name="Vnet">Proxmox SDN vnet id (or the bridge name on native nodes); null when the site has none.</param>
/// <param name="IsProxmox">True for a Proxmox cluster (rules go to a security group), false for native nodes (nftables).</param>
public sealed record FirewallSite(
    string Name,
    IPNetwork UnderlayRange,
    FirewallList<FirewallNode> Nodes,
    FirewallList<FirewallSubnet> Subnets,
    string? Vnet,
    bool IsProxmox)
{
    /// <summary>True when one of the site's nodes is an exit node.</summary>
    public bool HasExitNode => Nodes.Any(n => n.IsExitNode);
}

/// <summary>One node.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Vtep">WireGuard (VTEP, BGP peer) address.</param>
/// <param name="StaticEndpoint">The public endpoint when it is a literal IP; null for DNS names or no endpoint.</param>
/// <param name="IsExitNode">True when the node routes the overlay to the internet.</param>
/// <param name="UplinkInterface">Interface SNAT leaves through on an exit node; null = any non-overlay destination.</param>
public sealed record FirewallNode(
    string Name,
    IPAddress Vtep,
    IPAddress? StaticEndpoint,
    bool IsExitNode,
    string? UplinkInterface = null);

/// <summary>One overlay subnet.</summary>
/// <param name="Cidr">The subnet.</param>
/// <param name="Gateway">The anycast gateway address, if any.</param>
/// <param name="Snat">True when traffic to the internet is source-NATed on the exit node.</param>
public sealed record FirewallSubnet(IPNetwork Cidr, IPAddress? Gateway, bool Snat);

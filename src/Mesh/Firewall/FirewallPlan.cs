using System.Net;

namespace Mesh.Firewall;

/// <summary>
/// The firewall a node needs. <see cref="Rules"/> are site-wide (identical for every node of the site, so the
/// Proxmox security group does not flap between nodes); <see cref="Snat"/> and <see cref="LocalVtep"/> are the
/// node's own. Rendered by <see cref="ProxmoxFirewallRenderer"/> and <see cref="NftRenderer"/>.
/// </summary>
/// <param name="Mesh">Mesh name.</param>
/// <param name="Site">Site name.</param>
/// <param name="Node">Node name.</param>
/// <param name="IsProxmox">True when the site is a Proxmox cluster.</param>
/// <param name="WireGuardInterface">The WireGuard interface name.</param>
/// <param name="WireGuardPort">The WireGuard UDP port.</param>
/// <param name="LocalVtep">This node's VTEP address (BGP/VXLAN to it are only accepted over WireGuard).</param>
/// <param name="SiteNodes">Names of the site's nodes (the Proxmox host options name them).</param>
/// <param name="Rules">Ordered rules.</param>
/// <param name="Snat">Source NAT for this node when it is an exit node.</param>
/// <param name="LogLevel">Proxmox log level for the rules.</param>
public sealed record FirewallPlan(
    string Mesh,
    string Site,
    string Node,
    bool IsProxmox,
    string WireGuardInterface,
    int WireGuardPort,
    IPAddress LocalVtep,
    FirewallList<string> SiteNodes,
    FirewallList<FirewallRule> Rules,
    FirewallList<SnatRule> Snat,
    string LogLevel);

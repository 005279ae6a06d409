using Mesh.Collections;

namespace Mesh.Model;

/// <summary>The whole mesh as declared in one YAML file. Collections are sorted by name, so two files that differ only in order are equal.</summary>
/// <param name="Mesh">Mesh-wide settings.</param>
/// <param name="Overlay">The EVPN overlay.</param>
/// <param name="Topology">How nodes peer.</param>
/// <param name="Sites">Sites sorted by name.</param>
public sealed record MeshSpec(MeshSettings Mesh, OverlaySpec Overlay, TopologySpec Topology, EquatableArray<SiteSpec> Sites)
{
    /// <summary>Every node of every site, sorted by name.</summary>
    public IEnumerable<(SiteSpec Site, NodeSpec Node)> AllNodes =>
        Sites.SelectMany(s => s.Nodes.Select(n => (s, n))).OrderBy(p => p.n.Name, StringComparer.Ordinal);

    /// <summary>Finds a node by name, or null.</summary>
    public (SiteSpec Site, NodeSpec Node)? FindNode(string name)
    {
        foreach (var s in Sites)
        {
            foreach (var n in s.Nodes)
            {
                if (n.Name == name)
                {
                    return (s, n); // names are unique across the mesh (validated), so the first match is the match
                }
            }
        }

        return null;
    }
}

/// <summary>Mesh-wide settings.</summary>
/// <param name="Name">Mesh name (a DNS label).</param>
/// <param name="Asn">iBGP autonomous system number shared by every node.</param>
/// <param name="WireGuard">WireGuard defaults for every node.</param>
public sealed record MeshSettings(string Name, Asn Asn, WireGuardDefaults WireGuard);

/// <summary>WireGuard defaults.</summary>
/// <param name="Interface">Interface name (default <c>wg_mesh</c>).</param>
/// <param name="ListenPort">UDP listen port (default 51820).</param>
/// <param name="PersistentKeepalive">Seconds between keepalives, 0 = off (default 25).</param>
public sealed record WireGuardDefaults(InterfaceName Interface, int ListenPort, int PersistentKeepalive);

/// <summary>How nodes peer.</summary>
/// <param name="Mode">Full mesh, per-site gateways, or route reflectors.</param>
/// <param name="RouteReflectors">Names of route-reflector nodes, sorted.</param>
public sealed record TopologySpec(TopologyMode Mode, EquatableArray<string> RouteReflectors);

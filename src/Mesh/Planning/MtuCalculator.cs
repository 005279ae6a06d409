using Mesh.Model;

namespace Mesh.Planning;

/// <summary>Exact MTU arithmetic: WireGuard adds 32 + UDP 8 + outer IP (20 or 40); VXLAN adds Ethernet 14 + VXLAN 8 + UDP 8 + IP 20 (40 for IPv6 VTEPs).</summary>
public static class MtuCalculator
{
    /// <summary>Bytes WireGuard adds over an underlay of this family: 60 (IPv4) or 80 (IPv6).</summary>
    public static int WireGuardOverhead(UnderlayFamily family) => family == UnderlayFamily.Ipv6 ? 80 : 60;

    /// <summary>Bytes VXLAN adds: 50 with IPv4 VTEPs, 70 with IPv6 VTEPs.</summary>
    public static int VxlanOverhead(bool ipv6Vteps) => ipv6Vteps ? 70 : 50;

    /// <summary>WireGuard interface MTU for an underlay MTU and family.</summary>
    public static int WireGuardMtu(int underlayMtu, UnderlayFamily family) => underlayMtu - WireGuardOverhead(family);

    /// <summary>Overlay (VM) MTU carried over a WireGuard interface of this MTU with IPv4 VTEPs.</summary>
    public static int OverlayMtu(int wireGuardMtu) => wireGuardMtu - VxlanOverhead(ipv6Vteps: false);

    /// <summary>WireGuard MTU of a node.</summary>
    public static int WireGuardMtu(NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return WireGuardMtu(node.UnderlayMtu, node.UnderlayFamily);
    }

    /// <summary>The overlay MTU every VTEP can carry: the minimum over all VTEPs (VM traffic may go to any site).</summary>
    public static int ComputedOverlayMtu(MeshSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int? min = null; // a minimum: the order of the nodes does not matter, so no sorted AllNodes
        foreach (var site in spec.Sites)
        {
            foreach (var node in site.Nodes)
            {
                if (node.Role != NodeRole.RouteReflector)
                {
                    var overlay = OverlayMtu(WireGuardMtu(node));
                    min = min is { } m && m <= overlay ? m : overlay;
                }
            }
        }

        return min ?? OverlayMtu(WireGuardMtu(1500, UnderlayFamily.Ipv4));
    }

    /// <summary>The overlay MTU in effect: the spec's override, or the computed one.</summary>
    public static int MeshOverlayMtu(MeshSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Overlay.Mtu ?? ComputedOverlayMtu(spec);
    }
}

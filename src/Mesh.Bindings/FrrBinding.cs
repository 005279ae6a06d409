using Frr;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Bindings;

/// <summary>The plan's EVPN intent as the FRR adapter's node description (meshd applies it, meshctl shows it).</summary>
public static class FrrBinding
{
    /// <summary>Maps a native node's or route reflector's plan onto <see cref="EvpnNodeConfig"/>.</summary>
    public static EvpnNodeConfig ToEvpnNode(NodePlan plan, string frrVersion)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var e = plan.Evpn;
        var zone = e.Vrf.StartsWith("vrf_", StringComparison.Ordinal) ? e.Vrf[4..] : e.Vrf;
        return new EvpnNodeConfig
        {
            Hostname = plan.Node,
            FrrVersion = frrVersion,
            Asn = e.Asn.Value,
            RouterId = e.RouterId,
            LocalVtep = e.VtepIp,
            Peers = [.. e.Neighbors],
            RouteReflector = e.RouteReflector ? new EvpnRouteReflector([.. e.ListenRanges]) : null,
            Vrfs = plan.Role == NodeRole.RouteReflector
                ? []
                : [new EvpnVrf(zone, e.L3Vni.Value, e.ExitNode, false, e.AdvertiseSubnets && !e.ExitNode)],
            L2Vnis = [.. e.Vnets.Select(v => v.Vni.Value)],
        };
    }
}

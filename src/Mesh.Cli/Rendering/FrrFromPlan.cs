using Frr;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Cli.Rendering;

/// <summary>
/// The plan's EVPN intent as the FRR adapter's node description. Keep in step with meshd's
/// <c>FrrSubsystem.ToFrr</c> (same mapping; meshd additionally folds the VRF into the default one on kernels
/// without VRF support, which depends on the machine and so is not shown here).
/// </summary>
internal static class FrrFromPlan
{
    public static EvpnNodeConfig Map(NodePlan plan, string frrVersion)
    {
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

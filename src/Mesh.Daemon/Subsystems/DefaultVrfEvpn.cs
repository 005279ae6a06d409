using Frr;
using Mesh.Planning;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// For kernels without VRF support (this build machine, some containers): moves the zone's L3VNI into the
/// default VRF. The tenant VRF's BGP instance is folded into the default one, which redistributes only the
/// vnet subnets (never the underlay) and advertises them as EVPN type-5 routes; the L3VNI is the top-level
/// `vni N`. Default routes are not originated in this mode: without a VRF they would capture the underlay.
/// Verified with FRR 8.4.4: type-5 routes install as `via VTEP dev vrfbr_ZONE onlink`.
/// </summary>
public static class DefaultVrfEvpn
{
    /// <summary>The prefix list / route map limiting redistribution to the overlay subnets.</summary>
    public const string OverlayFilter = "MESHD_OVERLAY_SUBNETS";

    /// <summary>Rewrites a rendered-model config for the default VRF.</summary>
    public static FrrConfig Apply(FrrConfig config, NodePlan plan)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plan);
        var vrf = config.Vrfs.FirstOrDefault(v => v.Vni is not null);
        if (vrf is null)
        {
            return config;
        }

        var main = config.BgpRouters.First(r => r.Vrf is null);
        var subnets = plan.Evpn.Vnets.SelectMany(v => v.Subnets).Select(s => s.Cidr.ToString()).Order(StringComparer.Ordinal).ToList();
        var folded = main with
        {
            Ipv4Unicast = (main.Ipv4Unicast ?? new UnicastAddressFamily()) with
            {
                Redistribute = [new Redistribution("connected", RouteMap: OverlayFilter)],
            },
            L2vpnEvpn = (main.L2vpnEvpn ?? new EvpnAddressFamily()) with { AdvertiseIpv4Unicast = true },
        };
        return config with
        {
            Vrfs = [new VrfConfig("default", vrf.Vni, []), .. config.Vrfs.Where(v => v != vrf && v.Vni is null)],
            BgpRouters = [folded, .. config.BgpRouters.Where(r => r.Vrf is not null && r.Vrf != vrf.Name)],
            PrefixLists =
            [
                .. config.PrefixLists,
                new PrefixList(OverlayFilter, [.. subnets.Select((s, i) => new PrefixListRule((i + 1) * 10, "permit", s, false))]),
            ],
            RouteMaps =
            [
                .. config.RouteMaps,
                new RouteMap(OverlayFilter, [new RouteMapEntry("permit", 10, [$"ip address prefix-list {OverlayFilter}"], [])]),
            ],
            StaticRoutes = [.. config.StaticRoutes.Where(r => r.NexthopVrf is null)],
        };
    }
}

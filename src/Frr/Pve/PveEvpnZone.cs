using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Frr;

/// <summary>
/// An evpn zone on a node: `vrf vrf_ZONE` with its L3VNI, `router bgp ASN vrf vrf_ZONE`, and the
/// exit-node behaviour (import vrf, redistribute connected, default-originate, only_default filters,
/// null routes for other zones), advertise-subnets and rt-import.
/// </summary>
internal static class PveEvpnZone
{
    private const string OnlyDefault = "only_default";
    private const string OnlyDefaultV6 = "only_default_v6";

    public static void Add(FrrDraft draft, PveRunningConfig sdn, PveZone zone, PveController controller, PveController? bgp, string node, string routerId)
    {
        var vrf = "vrf_" + zone.Id;
        var asnText = controller.Asn;
        string? autortAs = null;
        if (bgp is not null)
        {
            var ebgp = !string.Equals(controller.Asn, bgp.Asn, StringComparison.Ordinal);
            if (PveRunningConfigParser.Truthy(bgp.Asn))
            {
                asnText = bgp.Asn;
            }

            autortAs = ebgp ? controller.Asn : null;
        }

        if (zone.VrfVxlan is not { } l3vni || l3vni == 0 || !PveRunningConfigParser.Truthy(asnText))
        {
            return;
        }

        var asn = PveEvpnController.ParseAsn(asnText, $"controllers.ids.{controller.Id}.asn");
        var gateway = zone.ExitNodes.Contains(node);
        draft.Vrfs[vrf] = new VrfConfig(vrf, l3vni, gateway ? NullRoutes(sdn, zone.Id) : []);
        var router = new BgpRouter { Asn = asn, RouterId = routerId, HardAdministrativeReset = false, GracefulRestartNotification = false };
        EvpnAddressFamily? evpn = autortAs is null ? null : new EvpnAddressFamily
        {
            RouteTargetImport = [$"{autortAs}:{l3vni}"],
            RouteTargetExport = [$"{autortAs}:{l3vni}"],
        };

        if (gateway)
        {
            AddExitNodeFilters(draft, zone, node);
            if (!zone.ExitNodesLocalRouting)
            {
                if (draft.Routers.ContainsKey(FrrDraft.DefaultVrf))
                {
                    draft.UpdateRouter(FrrDraft.DefaultVrf, r => r with
                    {
                        Ipv4Unicast = ImportVrf(r.Ipv4Unicast, vrf),
                        Ipv6Unicast = ImportVrf(r.Ipv6Unicast, vrf),
                    });
                }

                router = RedistributeConnected(router);
            }

            evpn = (evpn ?? new EvpnAddressFamily()) with { DefaultOriginate = ["ipv4", "ipv6"] };
        }
        else if (zone.AdvertiseSubnets)
        {
            router = RedistributeConnected(router);
            evpn = (evpn ?? new EvpnAddressFamily()) with { AdvertiseIpv4Unicast = true, AdvertiseIpv6Unicast = true };
        }

        if (zone.RtImport.Count > 0)
        {
            evpn ??= new EvpnAddressFamily();
            evpn = evpn with { RouteTargetImport = [.. evpn.RouteTargetImport, .. zone.RtImport] };
        }

        draft.Routers[vrf] = router with { L2vpnEvpn = evpn };
    }

    /// <summary>exitnodes-local-routing: route the vnet's subnets from the host into the zone over xvrf_ZONE.</summary>
    public static void AddVnetRoutes(FrrDraft draft, PveRunningConfig sdn, PveZone zone, PveVnet vnet, string node)
    {
        if (!zone.ExitNodesLocalRouting || !zone.ExitNodes.Contains(node))
        {
            return;
        }

        foreach (var subnet in sdn.Subnets.Where(s => s.Vnet == vnet.Id))
        {
            var v6 = IsIpv6(subnet.Network);
            draft.IpRoutes.Add(new StaticRoute(subnet.Cidr, v6 ? "fe80::2" : "10.255.255.2", "xvrf_" + zone.Id, v6));
        }
    }

    private static void AddExitNodeFilters(FrrDraft draft, PveZone zone, string node)
    {
        draft.PrefixLists.TryAdd(OnlyDefault, [new PrefixListRule(1, "permit", "0.0.0.0/0", false)]);
        draft.PrefixLists.TryAdd(OnlyDefaultV6, [new PrefixListRule(1, "permit", "::/0", true)]);
        var v4 = "ip address prefix-list " + OnlyDefault;
        var v6 = "ipv6 address prefix-list " + OnlyDefaultV6;
        if (zone.ExitNodesPrimary is null || zone.ExitNodesPrimary == node)
        {
            // the primary (or every exit node without a primary) ignores default routes of other exit nodes
            draft.PrependRouteMap(PveEvpnController.MapIn, new RouteMapEntry("deny", 0, [v6], []));
            draft.PrependRouteMap(PveEvpnController.MapIn, new RouteMapEntry("deny", 0, [v4], []));
        }
        else
        {
            // a secondary exit node announces its default route with a worse metric
            draft.PrependRouteMap(PveEvpnController.MapOut, new RouteMapEntry("permit", 0, [v6], ["metric 200"]));
            draft.PrependRouteMap(PveEvpnController.MapOut, new RouteMapEntry("permit", 0, [v4], ["metric 200"]));
        }
    }

    private static UnicastAddressFamily ImportVrf(UnicastAddressFamily? af, string vrf)
    {
        af ??= new UnicastAddressFamily();
        return af with { ImportVrfs = [.. af.ImportVrfs, vrf] };
    }

    private static BgpRouter RedistributeConnected(BgpRouter r) => r with
    {
        Ipv4Unicast = new UnicastAddressFamily { Redistribute = [new Redistribution("connected")] },
        Ipv6Unicast = new UnicastAddressFamily { Redistribute = [new Redistribution("connected")] },
    };

    /// <summary>Null routes for other zones' subnets, so an exit node never routes between zones; sorted numerically.</summary>
    private static ValueList<StaticRoute> NullRoutes(PveRunningConfig sdn, string zoneId) =>
        NullRoutes(sdn.Subnets.Where(s => s.Zone != zoneId).Select(s => (s.Network, s.PrefixLength)));

    /// <summary>`ip route NET/LEN null0` per network (the last length wins per address), numerically sorted.</summary>
    internal static ValueList<StaticRoute> NullRoutes(IEnumerable<(string Network, int PrefixLength)> subnets)
    {
        var byIp = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (network, length) in subnets)
        {
            byIp[network] = length;
        }

        return byIp
            .OrderBy(kv => Numeric(kv.Key))
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new StaticRoute($"{kv.Key}/{kv.Value}", "null0", null, IsIpv6(kv.Key)))
            .ToValueList();
    }

    private static BigInteger Numeric(string ip) => new(IPAddress.Parse(ip).GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static bool IsIpv6(string ip) => IPAddress.Parse(ip).AddressFamily == AddressFamily.InterNetworkV6;
}

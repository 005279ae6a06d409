using System.Globalization;
using System.Net;

namespace Frr;

/// <summary>The default `router bgp` of an evpn controller: VTEP peer group, l2vpn evpn, MAP_VTEP_* route maps.</summary>
internal static class PveEvpnController
{
    public const string PeerGroup = "VTEP";
    public const string MapIn = "MAP_VTEP_IN";
    public const string MapOut = "MAP_VTEP_OUT";

    public static void AddController(FrrDraft draft, PveController c, PveController? bgp, IPAddress localIp, string routerId)
    {
        if (c.Peers.Count == 0)
        {
            return; // Proxmox warns "neither fabric nor peers configured" and renders nothing for it
        }

        var asn = ParseAsn(c.Asn, $"controllers.ids.{c.Id}.asn");
        var loopback = bgp?.Loopback;
        var ebgp = false;
        string? autortAs = null;
        if (bgp is not null)
        {
            ebgp = !string.Equals(c.Asn, bgp.Asn, StringComparison.Ordinal);
            if (PveRunningConfigParser.Truthy(bgp.Asn))
            {
                asn = ParseAsn(bgp.Asn, $"controllers.ids.{bgp.Id}.asn");
            }

            autortAs = ebgp ? c.Asn : null;
        }

        if (asn == 0)
        {
            return;
        }

        EnsureDefaultRouter(draft, asn, routerId, withEvpnDefaults: true);
        var group = new NeighborGroup
        {
            Name = PeerGroup,
            RemoteAs = ebgp ? "external" : asn.ToString(CultureInfo.InvariantCulture),
            Bfd = true,
            EbgpMultihop = ebgp && loopback is not null ? 10 : null,
            UpdateSource = loopback,
            Ips = c.Peers.Where(p => !IPAddress.Parse(p).Equals(localIp)).ToValueList(),
        };
        draft.UpdateRouter(FrrDraft.DefaultVrf, r =>
        {
            var af = r.L2vpnEvpn ?? new EvpnAddressFamily
            {
                Neighbors = [new AddressFamilyNeighbor(PeerGroup, RouteMapIn: MapIn, RouteMapOut: MapOut)],
                AdvertiseAllVni = true,
            };
            return r with
            {
                NeighborGroups = [.. r.NeighborGroups, group],
                L2vpnEvpn = autortAs is null ? af : af with { AutortAs = autortAs },
            };
        });
        draft.AppendRouteMap(MapIn, new RouteMapEntry("permit", 0, [], []));
        draft.AppendRouteMap(MapOut, new RouteMapEntry("permit", 0, [], []));
    }

    /// <summary>Creates the default router if absent, as the first controller (evpn or bgp) initialises it.</summary>
    public static void EnsureDefaultRouter(FrrDraft draft, long asn, string routerId, bool withEvpnDefaults)
    {
        if (draft.Routers.ContainsKey(FrrDraft.DefaultVrf))
        {
            return;
        }

        draft.Routers[FrrDraft.DefaultVrf] = new BgpRouter
        {
            Asn = asn,
            RouterId = routerId,
            DefaultIpv4Unicast = false,
            HardAdministrativeReset = withEvpnDefaults ? false : null,
            GracefulRestartNotification = withEvpnDefaults ? false : null,
            CoalesceTime = 1000,
        };
    }

    public static long ParseAsn(string? text, string path)
    {
        if (text is null)
        {
            throw new FrrException(FrrErrorReason.InvalidConfig, $"SDN running config {path}: missing AS number");
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= uint.MaxValue
            ? v
            : throw new FrrException(FrrErrorReason.InvalidConfig, $"SDN running config {path}: '{text}' is not an AS number (0..4294967295)");
    }
}

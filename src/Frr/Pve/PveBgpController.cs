using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Frr;

/// <summary>A node's bgp controller: the BGP peer group (often eBGP to routers) in the default router.</summary>
internal static class PveBgpController
{
    private const string PeerGroup = "BGP";

    public static void Add(FrrDraft draft, PveController c, IPAddress localIp, string routerId)
    {
        var asn = PveEvpnController.ParseAsn(c.Asn, $"controllers.ids.{c.Id}.asn");
        if (asn == 0)
        {
            return;
        }

        PveEvpnController.EnsureDefaultRouter(draft, asn, routerId, withEvpnDefaults: false);
        var loopback = c.Loopback;
        draft.UpdateRouter(FrrDraft.DefaultVrf, r => r with
        {
            DisableEbgpConnectedRouteCheck = r.DisableEbgpConnectedRouteCheck || (loopback is not null && c.Ebgp),
            BestpathAsPathMultipathRelax = r.BestpathAsPathMultipathRelax || c.MultipathRelax,
        });

        var ipv6 = localIp.AddressFamily == AddressFamily.InterNetworkV6;
        if (c.Peers.Count > 0)
        {
            var group = new NeighborGroup
            {
                Name = PeerGroup,
                RemoteAs = c.Ebgp ? "external" : asn.ToString(CultureInfo.InvariantCulture),
                Bfd = true,
                EbgpMultihop = c.Ebgp && c.EbgpMultihop is > 0 ? c.EbgpMultihop : null,
                Ips = c.Peers,
            };
            var network = $"{localIp}/{(ipv6 ? 128 : 32)}";
            draft.UpdateRouter(FrrDraft.DefaultVrf, r =>
            {
                var af = (ipv6 ? r.Ipv6Unicast : r.Ipv4Unicast)
                    ?? new UnicastAddressFamily { Neighbors = [new AddressFamilyNeighbor(PeerGroup, SoftReconfigurationInbound: true)] };
                if (loopback is not null)
                {
                    af = af with { Networks = [.. af.Networks, network] };
                }

                return ipv6
                    ? r with { NeighborGroups = [.. r.NeighborGroups, group], Ipv6Unicast = af }
                    : r with { NeighborGroups = [.. r.NeighborGroups, group], Ipv4Unicast = af };
            });
        }

        if (loopback is not null)
        {
            draft.PrefixLists["loopbacks_ips"] = [new PrefixListRule(10, "permit", "0.0.0.0/0", false, Le: 32)];
            draft.ProtocolRouteMaps["bgp"] = new ProtocolRouteMap("bgp", "correct_src", null);
            draft.AppendRouteMap("correct_src", new RouteMapEntry("permit", 0, ["ip address prefix-list loopbacks_ips"], [$"src {localIp}"]));
        }
    }
}

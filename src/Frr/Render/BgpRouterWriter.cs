namespace Frr;

/// <summary>The body of a `router bgp` block, in Proxmox's template order.</summary>
internal static class BgpRouterWriter
{
    public static void Write(ConfigWriter w, BgpRouter r)
    {
        w.Line($" bgp router-id {r.RouterId}");
        if (r.HardAdministrativeReset == false)
        {
            w.Line(" no bgp hard-administrative-reset");
        }

        if (r.DefaultIpv4Unicast == false)
        {
            w.Line(" no bgp default ipv4-unicast");
        }

        if (r.CoalesceTime is { } coalesce)
        {
            w.Line($" coalesce-time {coalesce}");
        }

        if (r.GracefulRestartNotification == false)
        {
            w.Line(" no bgp graceful-restart notification");
        }

        if (r.DisableEbgpConnectedRouteCheck)
        {
            w.Line(" bgp disable-ebgp-connected-route-check");
        }

        if (r.BestpathAsPathMultipathRelax)
        {
            w.Line(" bgp bestpath as-path multipath-relax");
        }

        if (r.ClusterId is { } clusterId)
        {
            w.Line($" bgp cluster-id {clusterId}");
        }

        foreach (var g in r.NeighborGroups)
        {
            WriteGroup(w, g);
        }

        foreach (var range in r.ListenRanges)
        {
            w.Line($" bgp listen range {range.Prefix} peer-group {range.PeerGroup}");
        }

        if (r.Ipv4Unicast is { } v4)
        {
            WriteUnicast(w, "ipv4", v4);
        }

        if (r.Ipv6Unicast is { } v6)
        {
            WriteUnicast(w, "ipv6", v6);
        }

        if (r.L2vpnEvpn is { } evpn)
        {
            WriteEvpn(w, evpn);
        }
    }

    internal static void WriteGroup(ConfigWriter w, NeighborGroup g)
    {
        w.Line($" neighbor {g.Name} peer-group");
        w.Line($" neighbor {g.Name} remote-as {g.RemoteAs}");
        if (g.Bfd)
        {
            w.Line($" neighbor {g.Name} bfd");
            if (g.BfdProfile is { } profile)
            {
                w.Line($" neighbor {g.Name} bfd profile {profile}");
            }
        }

        if (g.EbgpMultihop is { } hops)
        {
            w.Line($" neighbor {g.Name} ebgp-multihop {hops}");
        }

        if (g.UpdateSource is { } source)
        {
            w.Line($" neighbor {g.Name} update-source {source}");
        }

        if (g.Timers is { } t)
        {
            w.Line($" neighbor {g.Name} timers {t.KeepaliveSeconds} {t.HoldSeconds}");
            if (t.ConnectRetrySeconds is { } connect)
            {
                w.Line($" neighbor {g.Name} timers connect {connect}");
            }
        }

        foreach (var ip in g.Ips)
        {
            w.Line($" neighbor {ip} peer-group {g.Name}");
        }

        foreach (var iface in g.Interfaces)
        {
            w.Line($" neighbor {iface} interface peer-group {g.Name}");
        }
    }

    internal static void WriteCommon(ConfigWriter w, ValueList<string> importVrfs, ValueList<AddressFamilyNeighbor> neighbors)
    {
        foreach (var vrf in importVrfs)
        {
            w.Line($"  import vrf {vrf}");
        }

        foreach (var n in neighbors)
        {
            w.Line($"  neighbor {n.Name} activate");
            if (n.RouteReflectorClient)
            {
                w.Line($"  neighbor {n.Name} route-reflector-client");
            }

            if (n.SoftReconfigurationInbound)
            {
                w.Line($"  neighbor {n.Name} soft-reconfiguration inbound");
            }

            if (n.RouteMapIn is { } rin)
            {
                w.Line($"  neighbor {n.Name} route-map {rin} in");
            }

            if (n.RouteMapOut is { } rout)
            {
                w.Line($"  neighbor {n.Name} route-map {rout} out");
            }
        }
    }

    private static void WriteUnicast(ConfigWriter w, string family, UnicastAddressFamily af)
    {
        w.Line(" !");
        w.Line($" address-family {family} unicast");
        foreach (var network in af.Networks)
        {
            w.Line($"  network {network}");
        }

        WriteCommon(w, af.ImportVrfs, af.Neighbors);
        foreach (var r in af.Redistribute)
        {
            var metric = r.Metric is { } m ? $" metric {m}" : string.Empty;
            var map = r.RouteMap is { } rm ? $" route-map {rm}" : string.Empty;
            w.Line($"  redistribute {r.Protocol}{metric}{map}");
        }

        w.Line(" exit-address-family");
    }

    private static void WriteEvpn(ConfigWriter w, EvpnAddressFamily af)
    {
        w.Line(" !");
        w.Line(" address-family l2vpn evpn");
        WriteCommon(w, af.ImportVrfs, af.Neighbors);
        Flag(w, af.AdvertiseAllVni, "  advertise-all-vni");
        Flag(w, af.AdvertiseDefaultGw, "  advertise-default-gw");
        if (af.AutortAs is { } autort)
        {
            w.Line($"  autort as {autort}");
        }

        foreach (var d in af.DefaultOriginate)
        {
            w.Line($"  default-originate {d}");
        }

        Flag(w, af.AdvertiseIpv4Unicast, "  advertise ipv4 unicast");
        Flag(w, af.AdvertiseIpv6Unicast, "  advertise ipv6 unicast");
        foreach (var rt in af.RouteTargetImport)
        {
            w.Line($"  route-target import {rt}");
        }

        foreach (var rt in af.RouteTargetExport)
        {
            w.Line($"  route-target export {rt}");
        }

        foreach (var rt in af.RouteTargetBoth)
        {
            w.Line($"  route-target both {rt}");
        }

        w.Line(" exit-address-family");
    }

    private static void Flag(ConfigWriter w, bool on, string line)
    {
        if (on)
        {
            w.Line(line);
        }
    }
}

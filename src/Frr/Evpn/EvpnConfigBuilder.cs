using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Frr;

/// <summary>
/// Builds the FRR configuration of a native EVPN node. It describes the node as a Proxmox SDN running
/// config would (one evpn controller, one zone per VRF) and runs the same generator as
/// <see cref="PveEvpn"/>, so the result matches what Proxmox nodes of the zone render; then it adds
/// the WAN timers, BFD choice and route-reflector statements.
/// </summary>
public static class EvpnConfigBuilder
{
    private const string ControllerId = "evpn";

    /// <summary>Every problem of the input, each with its field; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(EvpnNodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(node.Hostname) || node.Hostname.Any(char.IsWhiteSpace))
        {
            errors.Add("hostname: must be a non-empty word");
        }

        if (node.Asn is < 1 or > uint.MaxValue)
        {
            errors.Add($"asn: {node.Asn} is outside 1..4294967295");
        }

        if (node.RouterId.AddressFamily != AddressFamily.InterNetwork)
        {
            errors.Add($"routerId: {node.RouterId} must be IPv4");
        }

        foreach (var (vni, where) in node.Vrfs.Select(v => (v.L3Vni, $"vrfs.{v.Zone}.l3vni")).Concat(node.L2Vnis.Select(v => (v, "l2vnis"))))
        {
            if (vni is < 1 or > 0xFFFFFF)
            {
                errors.Add($"{where}: {vni} is outside 1..16777215");
            }
        }

        foreach (var clash in node.Vrfs.Select(v => v.L3Vni).Intersect(node.L2Vnis))
        {
            errors.Add($"l2vnis: {clash} is also a VRF's L3VNI");
        }

        foreach (var dup in node.Vrfs.GroupBy(v => v.Zone, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"vrfs.{dup.Key}: zone listed twice");
        }

        foreach (var vrf in node.Vrfs.Where(v => !IsZoneId(v.Zone)))
        {
            errors.Add($"vrfs.{vrf.Zone}: zone ids are 2-8 letters/digits starting with a letter (Proxmox rule; the VRF is vrf_ZONE)");
        }

        if (node.Peers.Count == 0 && node.RouteReflector is not { ListenRanges.Count: > 0 })
        {
            errors.Add("peers: no VTEP peers and no listen range; the node would have no EVPN session");
        }

        if (node.BfdProfile is not null && !node.Bfd)
        {
            errors.Add("bfdProfile: set only together with bfd");
        }

        return errors;
    }

    /// <summary>Builds the configuration model; throws <see cref="FrrException"/> listing every error.</summary>
    public static FrrConfig Build(EvpnNodeConfig node)
    {
        var errors = Validate(node);
        if (errors.Count > 0)
        {
            throw new FrrException(FrrErrorReason.InvalidConfig, "invalid EVPN node configuration:\n  " + string.Join("\n  ", errors));
        }

        var config = PveEvpn.Build(AsRunningConfig(node), node.Hostname, node.LocalVtep, node.FrrVersion, node.RouterId);
        return config with
        {
            BgpRouters = config.BgpRouters.Select(r => r.Vrf is null ? Native(r, node) : r).ToValueList(),
            BfdProfiles = node.BfdProfile is { } p ? [p] : [],
            Vrfs = config.Vrfs.Select(v => v with { Routes = NullRoutes(node, v.Name) }).ToValueList(),
        };
    }

    /// <summary>Builds and renders frr.conf text.</summary>
    public static string Render(EvpnNodeConfig node) => FrrRenderer.Render(Build(node));

    private static BgpRouter Native(BgpRouter r, EvpnNodeConfig node)
    {
        var rr = node.RouteReflector;
        var groups = r.NeighborGroups.Select(g => g.Name != PveEvpnController.PeerGroup ? g : g with
        {
            Bfd = node.Bfd,
            BfdProfile = node.Bfd ? node.BfdProfile?.Name : null,
            Timers = node.Timers,
        }).ToValueList();
        var evpn = r.L2vpnEvpn;
        if (rr is not null && evpn is not null)
        {
            evpn = evpn with
            {
                Neighbors = evpn.Neighbors.Select(n => n.Name == PveEvpnController.PeerGroup ? n with { RouteReflectorClient = true } : n).ToValueList(),
            };
        }

        return r with
        {
            NeighborGroups = groups,
            ClusterId = rr?.ClusterId?.ToString(),
            ListenRanges = rr is null ? [] : rr.ListenRanges.Select(p => new ListenRange(p.ToString(), PveEvpnController.PeerGroup)).ToValueList(),
            L2vpnEvpn = evpn,
        };
    }

    /// <summary>The node described as a Proxmox running config: one evpn controller, a zone per VRF.</summary>
    private static PveRunningConfig AsRunningConfig(EvpnNodeConfig node)
    {
        var asn = node.Asn.ToString(CultureInfo.InvariantCulture);
        ValueList<string> peers = [node.LocalVtep.ToString(), .. node.Peers.Where(p => !p.Equals(node.LocalVtep)).Select(p => p.ToString())];
        var controller = new PveController(ControllerId, "evpn", asn, peers, null, false, null, null, false, null);
        var zones = node.Vrfs.OrderBy(v => v.Zone, StringComparer.Ordinal).Select(v => new PveZone(
            v.Zone, "evpn", ControllerId, v.L3Vni,
            v.ExitNode ? [node.Hostname] : [],
            v.ExitNode && v.SecondaryExitNode ? "(another exit node)" : null,
            v.AdvertiseSubnets, false, v.RtImport ?? [])).ToValueList();
        return new PveRunningConfig([controller], zones, [], []);
    }

    /// <summary>Exit nodes null-route the other zones' subnets (Proxmox derives them from its subnets; here the caller lists them).</summary>
    private static ValueList<StaticRoute> NullRoutes(EvpnNodeConfig node, string vrfName)
    {
        var vrf = node.Vrfs.First(v => "vrf_" + v.Zone == vrfName);
        return vrf.ExitNode
            ? PveEvpnZone.NullRoutes((vrf.OtherZoneSubnets ?? []).Select(n => (n.BaseAddress.ToString(), n.PrefixLength)))
            : [];
    }

    private static bool IsZoneId(string id) =>
        id.Length is >= 2 and <= 8 && char.IsAsciiLetter(id[0]) && id.All(char.IsAsciiLetterOrDigit);
}

namespace Frr;

/// <summary>
/// What meshd adds to a Proxmox node's FRR through /etc/frr/frr.conf.local (Proxmox merges that file
/// into the frr.conf it generates: lines under `router bgp ASN` join its router, lines under
/// `address-family l2vpn evpn` join that address family, route maps are appended).
/// </summary>
/// <param name="Asn">AS of the node's default BGP router (the evpn controller's, or its bgp controller's).</param>
/// <param name="VtepTimers">Timers for Proxmox's VTEP peer group (e.g. WAN timers towards native nodes), or null.</param>
/// <param name="ExtraGroups">Additional peer groups with members (e.g. a mesh route reflector).</param>
/// <param name="ExtraEvpnNeighbors">Activation of those groups in l2vpn evpn.</param>
/// <param name="RouteMaps">Additional route maps.</param>
public sealed record PveLocalAdditions(
    long Asn,
    BgpTimers? VtepTimers = null,
    ValueList<NeighborGroup>? ExtraGroups = null,
    ValueList<AddressFamilyNeighbor>? ExtraEvpnNeighbors = null,
    ValueList<RouteMap>? RouteMaps = null);

/// <summary>
/// Renders and merges meshd's block in /etc/frr/frr.conf.local on Proxmox nodes. It never touches
/// /etc/frr/frr.conf there (Proxmox owns it and regenerates it on every SDN apply); the block is
/// delimited by marker comments so user lines outside it survive.
/// </summary>
public static class PveLocalConfig
{
    /// <summary>Where Proxmox reads local additions.</summary>
    public const string DefaultPath = "/etc/frr/frr.conf.local";

    /// <summary>First line of meshd's block.</summary>
    public const string BeginMarker = "! BEGIN meshd (managed by meshd, edits inside are overwritten)";

    /// <summary>Last line of meshd's block.</summary>
    public const string EndMarker = "! END meshd";

    /// <summary>The block text, markers included (empty when there is nothing to add).</summary>
    public static string RenderBlock(PveLocalAdditions additions)
    {
        ArgumentNullException.ThrowIfNull(additions);
        var groups = additions.ExtraGroups ?? [];
        var evpn = additions.ExtraEvpnNeighbors ?? [];
        var maps = additions.RouteMaps ?? [];
        if (additions.VtepTimers is null && groups.Count == 0 && evpn.Count == 0 && maps.Count == 0)
        {
            return string.Empty;
        }

        var w = new ConfigWriter();
        w.Line(BeginMarker);
        if (additions.VtepTimers is not null || groups.Count > 0 || evpn.Count > 0)
        {
            w.Line($"router bgp {additions.Asn}");
            if (additions.VtepTimers is { } timers)
            {
                w.Line($" neighbor {PveEvpnController.PeerGroup} timers {timers.KeepaliveSeconds} {timers.HoldSeconds}");
                if (timers.ConnectRetrySeconds is { } connect)
                {
                    w.Line($" neighbor {PveEvpnController.PeerGroup} timers connect {connect}");
                }
            }

            foreach (var g in groups)
            {
                BgpRouterWriter.WriteGroup(w, g);
            }

            if (evpn.Count > 0)
            {
                w.Line(" address-family l2vpn evpn");
                BgpRouterWriter.WriteCommon(w, [], evpn);
                w.Line(" exit-address-family");
            }

            w.Line("exit");
        }

        PolicyWriter.WriteRouteMaps(w, maps);
        w.Line(EndMarker);
        return w.ToString();
    }

    /// <summary>Replaces meshd's block in <paramref name="existing"/> (or appends it), keeping every other line.</summary>
    public static string Merge(string? existing, string block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var lines = (existing ?? string.Empty).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var begin = lines.IndexOf(BeginMarker);
        var end = begin < 0 ? -1 : lines.IndexOf(EndMarker, begin);
        if (begin >= 0 && end < 0)
        {
            throw new FrrException(FrrErrorReason.InvalidConfig,
                $"frr.conf.local has `{BeginMarker}` without `{EndMarker}`; remove the partial block by hand");
        }

        if (begin >= 0)
        {
            lines.RemoveRange(begin, end - begin + 1);
        }

        var kept = string.Concat(lines.Select(l => l + "\n"));
        return kept + block;
    }

    /// <summary>Merges the block into the file atomically (0640); returns true when the file changed.</summary>
    public static async Task<bool> WriteAsync(PveLocalAdditions additions, string path = DefaultPath, CancellationToken cancellationToken = default)
    {
        if (Path.GetFileName(path) == "frr.conf")
        {
            throw new FrrException(FrrErrorReason.InvalidConfig, "on Proxmox nodes frr.conf belongs to Proxmox; write frr.conf.local instead");
        }

        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        var merged = Merge(existing, RenderBlock(additions));
        if (merged == (existing ?? string.Empty))
        {
            return false;
        }

        AtomicFile.Write(path, merged);
        return true;
    }
}

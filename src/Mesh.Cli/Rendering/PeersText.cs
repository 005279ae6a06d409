using Mesh.Control;

namespace Mesh.Cli.Rendering;

/// <summary>Human form of `meshctl peers`: one row per peer, then the endpoint details (fits 80 columns).</summary>
public static class PeersText
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter output, PeersReport peers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(peers);
        output.WriteLine($"{"PEER",-10} {"SITE",-6} {"HANDSHAKE",-9} {"RX",-10} {"TX",-10} {"BGP",-11} {"UP",-6} {"PFX",4} {"MTU",5}");
        foreach (var p in peers.Peers)
        {
            output.WriteLine(
                $"{Human.Fit(p.Name, 10),-10} {Human.Fit(p.Site, 6),-6} {Human.Age(p.LatestHandshake, now),-9} " +
                $"{Human.Bytes(p.RxBytes),-10} {Human.Bytes(p.TxBytes),-10} {Human.Fit(p.BgpState ?? "-", 11),-11} " +
                $"{Human.Fit(p.BgpUptime ?? "-", 6),-6} {(p.EvpnPrefixesReceived?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),4} " +
                $"{((p.ProbedMtu ?? p.PathMtu)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),5}");
        }

        output.WriteLine();
        output.WriteLine($"{"PEER",-10} ENDPOINT");
        foreach (var p in peers.Peers)
        {
            var resolved = p.ResolvedAt is null ? string.Empty : $", resolved {Human.Age(p.ResolvedAt, now)} ago";
            var ttl = p.TtlLeftSeconds is null ? string.Empty : $", ttl {Math.Max(0, (int)p.TtlLeftSeconds.Value)}s left";
            var error = p.DnsError is null ? string.Empty : $", dns error: {p.DnsError}";
            var endpoint = p.EndpointName is null || p.EndpointName == p.EndpointAddress
                ? p.EndpointAddress ?? "(none: the peer initiates)"
                : $"{p.EndpointName} -> {p.EndpointAddress ?? "unresolved"}";
            output.WriteLine($"{Human.Fit(p.Name, 10),-10} {Human.Fit(endpoint + resolved + ttl + error, 68)}");
        }

        output.WriteLine();
        output.WriteLine($"{"PEER",-10} PATH MTU (probed with don't-fragment pings through the tunnel)");
        foreach (var p in peers.Peers)
        {
            var mtu = p.ProbedMtu is not { } probed ? (p.PathMtu is { } planned ? $"{planned} planned (not probed yet)" : "-")
                : $"{probed} probed {Human.Age(p.ProbedAt, now)} ago" + (probed == p.PathMtu ? string.Empty : $" (planned {p.PathMtu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})");
            output.WriteLine($"{Human.Fit(p.Name, 10),-10} {mtu}");
        }
    }
}

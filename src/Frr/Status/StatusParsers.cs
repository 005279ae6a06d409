using System.Text.Json;

namespace Frr;

/// <summary>Parsers for FRR 8.4 JSON status output; tolerant of absent fields, strict about the shape.</summary>
public static class StatusParsers
{
    /// <summary>Parses `show bgp l2vpn evpn summary json` (`{}` when BGP has no EVPN instance).</summary>
    public static EvpnSummary ParseSummary(string json)
    {
        using var doc = Parse(json, "show bgp l2vpn evpn summary json");
        var root = doc.RootElement;
        var peers = new List<EvpnPeerStatus>();
        if (root.TryGetProperty("peers", out var ps) && ps.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ps.EnumerateObject())
            {
                var v = p.Value;
                peers.Add(new EvpnPeerStatus(
                    p.Name,
                    Long(v, "remoteAs"),
                    Str(v, "state") ?? "Unknown",
                    TimeSpan.FromMilliseconds(Long(v, "peerUptimeMsec")),
                    Long(v, "pfxRcd"),
                    Long(v, "pfxSnt"),
                    (int)Long(v, "connectionsEstablished"),
                    (int)Long(v, "connectionsDropped")));
            }
        }

        return new EvpnSummary(Str(root, "routerId") ?? string.Empty, Long(root, "as"),
            peers.OrderBy(p => p.Address, StringComparer.Ordinal).ToValueList());
    }

    /// <summary>Parses `show evpn vni json` (an object keyed by VNI).</summary>
    public static ValueList<EvpnVniStatus> ParseVnis(string json)
    {
        using var doc = Parse(json, "show evpn vni json");
        return doc.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select(p => new EvpnVniStatus(
                (int)Long(p.Value, "vni"),
                Str(p.Value, "type") ?? string.Empty,
                Str(p.Value, "vxlanIf"),
                (int)Long(p.Value, "numRemoteVteps"),
                Str(p.Value, "tenantVrf"),
                p.Value.TryGetProperty("remoteVteps", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Order(StringComparer.Ordinal).ToValueList()
                    : []))
            .OrderBy(v => v.Vni)
            .ToValueList();
    }

    /// <summary>Parses `show bgp l2vpn evpn route json` into counts per RD and route type.</summary>
    public static ValueList<EvpnRouteCounts> ParseRoutes(string json)
    {
        using var doc = Parse(json, "show bgp l2vpn evpn route json");
        var result = new List<EvpnRouteCounts>();
        foreach (var rd in doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            int t2 = 0, t3 = 0, t5 = 0, other = 0;
            foreach (var route in rd.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                switch (RouteType(route.Name))
                {
                    case 2: t2++; break;
                    case 3: t3++; break;
                    case 5: t5++; break;
                    default: other++; break;
                }
            }

            result.Add(new EvpnRouteCounts(Str(rd.Value, "rd") ?? rd.Name, t2, t3, t5, other));
        }

        return result.OrderBy(r => r.RouteDistinguisher, StringComparer.Ordinal).ToValueList();
    }

    /// <summary>The type of an EVPN prefix such as `[3]:[0]:[32]:[192.0.2.1]`.</summary>
    private static int RouteType(string prefix) =>
        prefix.Length > 2 && prefix[0] == '[' && prefix[2] == ']' && char.IsAsciiDigit(prefix[1]) ? prefix[1] - '0' : 0;

    private static JsonDocument Parse(string json, string command)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FrrException(FrrErrorReason.BadOutput, $"`{command}` did not print a JSON object; is this FRR 8.x?");
            }

            return doc;
        }
        catch (JsonException e)
        {
            var head = json.Length > 120 ? json[..120] + "..." : json;
            throw new FrrException(FrrErrorReason.BadOutput, $"`{command}` printed something that is not JSON: {head.Trim()}", e);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : 0;
}

using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Frr;

/// <summary>
/// Parses Proxmox's SDN running config JSON. Accepts both shapes seen in practice: values as JSON
/// strings or numbers, and exit nodes as a comma list ("n1,n2", the real running config) or as a
/// map {"n1": 1} (the parsed form in pve-network's tests). Errors name the JSON path.
/// </summary>
public static class PveRunningConfigParser
{
    private static readonly char[] ListSeparators = [',', ';', ' ', '\t', '\n', '\0'];

    /// <summary>Parses the JSON text; throws <see cref="FrrException"/> naming the bad place.</summary>
    public static PveRunningConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FrrException(FrrErrorReason.InvalidConfig,
                $"SDN running config is not valid JSON (line {e.LineNumber + 1}): {e.Message}; pass the content of /etc/pve/sdn/.running-config", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FrrException(FrrErrorReason.InvalidConfig, "SDN running config: expected a JSON object at the top level");
            }

            var root = doc.RootElement;
            return new PveRunningConfig(
                Section(root, "controllers", Controller),
                Section(root, "zones", Zone),
                Section(root, "vnets", Vnet),
                Section(root, "subnets", Subnet));
        }
    }

    private static ValueList<T> Section<T>(JsonElement root, string name, Func<string, JsonElement, T> map)
    {
        if (!root.TryGetProperty(name, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (!section.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return ids.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Value.ValueKind == JsonValueKind.Object
                ? map(p.Name, p.Value)
                : throw Bad($"{name}.ids.{p.Name}", "expected an object"))
            .ToValueList();
    }

    private static PveController Controller(string id, JsonElement e)
    {
        var path = $"controllers.ids.{id}";
        var peers = List(Str(e, "peers")).ToValueList();
        foreach (var peer in peers)
        {
            if (!IsIp(peer))
            {
                throw Bad($"{path}.peers", $"'{peer}' is not an IP address");
            }
        }

        return new PveController(
            id,
            Str(e, "type") ?? throw Bad($"{path}.type", "missing"),
            Str(e, "asn"),
            peers,
            Str(e, "node"),
            Truthy(Str(e, "ebgp")),
            Int(e, "ebgp-multihop", path),
            Str(e, "loopback"),
            Truthy(Str(e, "bgp-multipath-as-path-relax")),
            Str(e, "fabric"));
    }

    private static PveZone Zone(string id, JsonElement e)
    {
        var path = $"zones.ids.{id}";
        return new PveZone(
            id,
            Str(e, "type") ?? throw Bad($"{path}.type", "missing"),
            Str(e, "controller"),
            Int(e, "vrf-vxlan", path),
            ExitNodes(e, path),
            Str(e, "exitnodes-primary"),
            Truthy(Str(e, "advertise-subnets")),
            Truthy(Str(e, "exitnodes-local-routing")),
            List(Str(e, "rt-import")).ToValueList());
    }

    private static PveVnet Vnet(string id, JsonElement e) => new(id, Str(e, "zone"), Int(e, "tag", $"vnets.ids.{id}"));

    private static PveSubnet Subnet(string id, JsonElement e)
    {
        var first = id.IndexOf('-', StringComparison.Ordinal);
        var last = id.LastIndexOf('-');
        if (first <= 0 || last <= first
            || !IsIp(id[(first + 1)..last])
            || !int.TryParse(id.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw Bad($"subnets.ids.{id}", "expected an id of the form <zone>-<network>-<prefixlength>, e.g. myzone-10.0.0.0-24");
        }

        return new PveSubnet(id, id[..first], id[(first + 1)..last], length, Str(e, "vnet"));
    }

    private static ValueList<string> ExitNodes(JsonElement e, string path)
    {
        if (!e.TryGetProperty("exitnodes", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.Object => v.EnumerateObject().Where(p => Truthy(Scalar(p.Value))).Select(p => p.Name).ToValueList(),
            JsonValueKind.String => List(v.GetString()).ToValueList(),
            JsonValueKind.Array => v.EnumerateArray().Select(x => Scalar(x) ?? string.Empty).Where(s => s.Length > 0).ToValueList(),
            _ => throw Bad($"{path}.exitnodes", "expected a comma separated list of node names"),
        };
    }

    /// <summary>A full IPv4 dotted quad (IPAddress.TryParse alone accepts "10.1" or "1") or an IPv6 address.</summary>
    private static bool IsIp(string text) =>
        IPAddress.TryParse(text, out var ip)
        && (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || ip.ToString() == text);

    internal static IEnumerable<string> List(string? value) =>
        value is null ? [] : value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Perl truthiness: absent, empty and "0" are false.</summary>
    internal static bool Truthy(string? value) => !string.IsNullOrEmpty(value) && value != "0";

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? Scalar(v) : null;

    private static string? Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => null,
    };

    private static int? Int(JsonElement e, string name, string path)
    {
        var s = Str(e, name);
        if (s is null)
        {
            return null;
        }

        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Bad($"{path}.{name}", $"'{s}' is not a non-negative integer");
    }

    private static FrrException Bad(string path, string what) =>
        new(FrrErrorReason.InvalidConfig, $"SDN running config {path}: {what}");
}

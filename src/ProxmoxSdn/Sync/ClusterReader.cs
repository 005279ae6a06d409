using System.Globalization;
using System.Text.Json;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>Reads a cluster's SDN objects (pending view), security groups, cluster ipsets, cluster rules and nodes.</summary>
internal static class ClusterReader
{
    private static readonly KeyValuePair<string, string>[] Pending = [new("pending", "1")];

    public static async Task<ObservedCluster> ReadAsync(ProxmoxApiClient api, ClusterDesiredState desired, CancellationToken cancellationToken)
    {
        var controllers = await ReadSdnAsync(api, "/cluster/sdn/controllers", "controller", cancellationToken);
        var zones = await ReadSdnAsync(api, "/cluster/sdn/zones", "zone", cancellationToken);
        var vnets = await ReadSdnAsync(api, "/cluster/sdn/vnets", "vnet", cancellationToken);
        var subnets = new List<ObservedObject>();
        foreach (var v in vnets.Where(v => !v.PendingDelete))
        {
            subnets.AddRange(await ReadSdnAsync(api, ApiPath.Of("/cluster/sdn/vnets", v.Id, "subnets"), "subnet", cancellationToken));
        }

        var groups = new List<ObservedGroup>();
        foreach (var g in Items(await api.GetAsync("/cluster/firewall/groups", null, cancellationToken)))
        {
            var name = Text(g, "group") ?? string.Empty;
            var comment = Text(g, "comment");
            var mine = FirewallPlanner.IsOwned(comment) || desired.FirewallGroups.Any(d => d.Name == name);
            var rules = mine ? await ReadRulesAsync(api, name, cancellationToken) : null;
            groups.Add(new ObservedGroup(name, comment, rules));
        }

        var ipsets = new List<ObservedIpSet>();
        foreach (var s in Items(await api.GetAsync("/cluster/firewall/ipset", null, cancellationToken)))
        {
            var name = Text(s, "name") ?? string.Empty;
            var comment = Text(s, "comment");
            var mine = FirewallPlanner.IsOwned(comment) || desired.IpSets.Any(d => d.Name == name);
            var entries = mine
                ? Items(await api.GetAsync(ApiPath.Of("/cluster/firewall/ipset", name), null, cancellationToken))
                    .Select(e => new ObservedIpSetEntry(Text(e, "cidr") ?? string.Empty, Text(e, "nomatch") is "1"))
                    .ToList()
                : null;
            ipsets.Add(new ObservedIpSet(name, comment, entries));
        }

        return new ObservedCluster(controllers, zones, vnets, subnets, groups, await ReadNodesAsync(api, cancellationToken))
        {
            IpSets = ipsets,
            ClusterRules = await ReadClusterRulesAsync(api, cancellationToken),
        };
    }

    /// <summary>Every datacenter-level rule in position order, with the list's digest.</summary>
    public static async Task<ObservedClusterRules> ReadClusterRulesAsync(ProxmoxApiClient api, CancellationToken cancellationToken)
    {
        var items = Items(await api.GetAsync("/cluster/firewall/rules", null, cancellationToken)).ToList();
        return new ObservedClusterRules(InPositionOrder(items), items.Select(r => Text(r, "digest")).FirstOrDefault(d => d is not null));
    }

    /// <summary>The cluster's node names, sorted.</summary>
    public static async Task<List<string>> ReadNodesAsync(ProxmoxApiClient api, CancellationToken cancellationToken) =>
        Items(await api.GetAsync("/nodes", null, cancellationToken))
            .Select(n => Text(n, "node")).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>An options object (<c>GET .../firewall/options</c>) as key → value, without the digest.</summary>
    public static async Task<Dictionary<string, string>> ReadOptionsAsync(ProxmoxApiClient api, string path, CancellationToken cancellationToken)
    {
        var data = await api.GetAsync(path, null, cancellationToken);
        return data.ValueKind == JsonValueKind.Object ? Flatten(data, ["digest"]) : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ReadRulesAsync(
        ProxmoxApiClient api, string group, CancellationToken cancellationToken)
    {
        var data = await api.GetAsync(ApiPath.Of("/cluster/firewall/groups", group), null, cancellationToken);
        return InPositionOrder(Items(data));
    }

    private static List<IReadOnlyDictionary<string, string>> InPositionOrder(IEnumerable<JsonElement> rules) =>
        rules.OrderBy(r => int.TryParse(Text(r, "pos"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : int.MaxValue)
            .Select(r => (IReadOnlyDictionary<string, string>)Flatten(r, ["pos", "digest", "ipversion"]))
            .ToList();

    private static async Task<List<ObservedObject>> ReadSdnAsync(ProxmoxApiClient api, string path, string idKey, CancellationToken cancellationToken)
    {
        var result = new List<ObservedObject>();
        foreach (var item in Items(await api.GetAsync(path, Pending, cancellationToken)))
        {
            var id = Text(item, idKey);
            if (id is null)
            {
                continue;
            }

            var props = Flatten(item, [idKey, "digest", "state", "pending"]);
            if (item.TryGetProperty("pending", out var pending) && pending.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in pending.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "deleted")
                    {
                        props.Remove(p.Name);
                    }
                    else
                    {
                        props[p.Name] = Scalar(p.Value);
                    }
                }
            }

            result.Add(new ObservedObject(id, props, Text(item, "state")));
        }

        return result;
    }

    private static Dictionary<string, string> Flatten(JsonElement item, string[] skip)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in item.EnumerateObject().Where(p => !skip.Contains(p.Name) && p.Value.ValueKind != JsonValueKind.Null))
        {
            props[p.Name] = Scalar(p.Value);
        }

        return props;
    }

    private static IEnumerable<JsonElement> Items(JsonElement data) =>
        data.ValueKind == JsonValueKind.Array ? data.EnumerateArray() : [];

    private static string? Text(JsonElement item, string key) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? Scalar(v) : null;

    private static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Array => string.Join(',', v.EnumerateArray().Select(Scalar)),
        _ => v.GetRawText(),
    };
}

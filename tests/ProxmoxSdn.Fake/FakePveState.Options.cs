using System.Globalization;
using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>Cluster and node firewall options: only keys that were set are stored and returned, as pve-firewall does.</summary>
public sealed partial class FakePveState
{
    /// <summary><c>/cluster/firewall/options</c> (set keys only).</summary>
    public Dictionary<string, string> ClusterOptions { get; } = new(StringComparer.Ordinal);

    /// <summary><c>/nodes/{node}/firewall/options</c> per node (set keys only).</summary>
    public Dictionary<string, Dictionary<string, string>> NodeOptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Nodes whose API proxy fails (node offline): their options cannot be read.</summary>
    public HashSet<string> OfflineNodes { get; } = new(StringComparer.Ordinal);

    private PveResponse Options(PveRequest r)
    {
        Dictionary<string, string> options;
        if (r.Template.StartsWith("/nodes/", StringComparison.Ordinal))
        {
            var node = r["node"];
            if (!Nodes.Contains(node))
            {
                return PveResponse.Die($"hostname lookup '{node}' failed - failed to get address info for: {node}: Name or service not known");
            }

            if (OfflineNodes.Contains(node))
            {
                return new PveResponse(595, $"Connection refused (node {node} offline)", null);
            }

            if (!NodeOptions.TryGetValue(node, out options!))
            {
                options = NodeOptions[node] = new Dictionary<string, string>(StringComparer.Ordinal);
            }
        }
        else
        {
            options = ClusterOptions;
        }

        if (r.Method == "GET")
        {
            var o = new JsonObject();
            foreach (var (k, v) in options.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                o[k] = int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(v);
            }

            o["digest"] = "0000";
            return PveResponse.Ok(o);
        }

        foreach (var d in (r.Get("delete") ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            options.Remove(d);
        }

        foreach (var (k, v) in r.Params.Where(p => p.Key is not ("delete" or "digest" or "node")))
        {
            options[k] = v.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => "1",
                "false" or "no" or "off" => "0",
                _ => v,
            };
        }

        return PveResponse.Ok();
    }
}

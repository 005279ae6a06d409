using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>One SDN section config (zones.cfg, vnets.cfg, ...): id → properties (values as PVE stores them).</summary>
public sealed class SdnConfig
{
    /// <summary>Objects by id, each with its properties.</summary>
    public SortedDictionary<string, SortedDictionary<string, string>> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>A deep copy.</summary>
    public SdnConfig Clone()
    {
        var copy = new SdnConfig();
        foreach (var (id, props) in Ids)
        {
            copy.Ids[id] = new SortedDictionary<string, string>(props, StringComparer.Ordinal);
        }

        return copy;
    }

    /// <summary>The SHA-1 digest of this configuration (changes whenever any object changes).</summary>
    public string Digest()
    {
        var text = string.Join("\n", Ids.Select(p => p.Key + ":" + string.Join(",", p.Value.Select(kv => kv.Key + "=" + kv.Value))));
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The <c>pending=1</c> view, following pve-network's pending_config.</summary>
    public static JsonObject PendingView(string id, SortedDictionary<string, string>? running, SortedDictionary<string, string>? config)
    {
        var o = new JsonObject();
        var pending = new JsonObject();
        string? state = null;
        foreach (var (k, v) in running ?? [])
        {
            o[k] = Value(k, v);
            if (config is null)
            {
                state = "deleted";
            }
            else if (!config.TryGetValue(k, out var cv))
            {
                pending[k] = "deleted";
                state = "changed";
            }
            else if (cv != v)
            {
                state = "changed";
            }
        }

        foreach (var (k, v) in config ?? [])
        {
            string? rv = null;
            running?.TryGetValue(k, out rv);
            if (k is "type" or "vnet")
            {
                o[k] = v;
            }
            else if (rv is null || rv != v)
            {
                pending[k] = Value(k, v);
            }

            if (running is null)
            {
                state = "new";
            }
            else if (rv is null)
            {
                state = "changed";
            }
        }

        if (state is not null)
        {
            o["state"] = state;
            o["pending"] = pending;
        }

        return o;
    }

    /// <summary>A property value as PVE returns it: integers as JSON numbers (except peers, exitnodes, alias, gateway), everything else as strings.</summary>
    public static JsonNode Value(string key, string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && key is not ("peers" or "exitnodes" or "alias" or "gateway")
            ? JsonValue.Create(n)
            : JsonValue.Create(value);
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProxmoxSdn.Fake;

/// <summary>Cluster security groups and their rules, following pve-firewall's group and rule handlers.</summary>
public sealed partial class FakePveState
{
    private static readonly string[] RuleKeys = ["type", "action", "source", "dest", "proto", "dport", "sport", "macro", "iface", "log", "comment", "enable", "icmp-type"];

    /// <summary>Security groups: name → (comment, rules in position order).</summary>
    public SortedDictionary<string, (string? Comment, List<Dictionary<string, string>> Rules)> Groups { get; } = new(StringComparer.Ordinal);

    private PveResponse Firewall(PveRequest r)
    {
        var group = r.Get("group");
        switch (r.Method, r.Template)
        {
            case ("GET", "/cluster/firewall/groups"):
                return PveResponse.Ok(new JsonArray(Groups.Select(g => (JsonNode)new JsonObject
                {
                    ["group"] = g.Key, ["comment"] = g.Value.Comment, ["digest"] = "0000",
                }).ToArray()));
            case ("POST", "/cluster/firewall/groups"):
                return CreateGroup(r, group!);
        }

        if (group is null || !Groups.TryGetValue(group, out var g2))
        {
            return PveResponse.Die($"no such security group '{group}'");
        }

        var rules = g2.Rules;
        var pos = r.Get("pos") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : -1;
        switch (r.Method, r.Template)
        {
            case ("GET", "/cluster/firewall/groups/{group}"):
                return PveResponse.Ok(new JsonArray(rules.Select((rule, i) => (JsonNode)RuleJson(rule, i)).ToArray()));
            case ("DELETE", "/cluster/firewall/groups/{group}"):
                if (rules.Count > 0)
                {
                    return PveResponse.Die($"Security group '{group}' is not empty");
                }

                Groups.Remove(group);
                return PveResponse.Ok();
            case ("POST", "/cluster/firewall/groups/{group}"):
                var created = new Dictionary<string, string>(StringComparer.Ordinal);
                if (CopyRule(created, r, "group") is { } bad)
                {
                    return bad;
                }

                created.TryAdd("enable", "0");
                rules.Insert(0, created);
                return PveResponse.Ok();
        }

        if (pos < 0 || pos >= rules.Count)
        {
            return PveResponse.Die($"no rule at position {pos}");
        }

        if (r.Method == "DELETE")
        {
            rules.RemoveAt(pos);
            return PveResponse.Ok();
        }

        if (r.Method == "GET")
        {
            return PveResponse.Ok(RuleJson(rules[pos], pos));
        }

        var rule = new Dictionary<string, string>(rules[pos], StringComparer.Ordinal);
        foreach (var d in (r.Get("delete") ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            rule.Remove(d);
        }

        if (CopyRule(rule, r, "group") is { } invalid)
        {
            return invalid;
        }

        rules[pos] = rule;
        return PveResponse.Ok();
    }

    private PveResponse CreateGroup(PveRequest r, string group)
    {
        if (r.Get("rename") is { } rename)
        {
            if (!Groups.TryGetValue(rename, out var old))
            {
                return PveResponse.ParamError("group", $"Security group '{rename}' does not exist");
            }

            if (rename != group && Groups.ContainsKey(group))
            {
                return PveResponse.ParamError("group", $"Security group '{group}' does already exist");
            }

            Groups.Remove(rename);
            Groups[group] = (r.Get("comment") ?? old.Comment, old.Rules);
            RenameGroupReferences(rename, group);
            return PveResponse.Ok();
        }

        if (Groups.ContainsKey(group))
        {
            return PveResponse.ParamError("group", $"Security group '{group}' already exists");
        }

        Groups[group] = (r.Get("comment"), []);
        return PveResponse.Ok();
    }

    /// <summary>pve-firewall's <c>copy_rule_data</c> then <c>verify_rule</c> for <paramref name="env"/> (group or cluster).</summary>
    private PveResponse? CopyRule(Dictionary<string, string> rule, PveRequest r, string env)
    {
        foreach (var key in RuleKeys)
        {
            if (r.Get(key) is { } v)
            {
                if (v is "" or "-")
                {
                    rule.Remove(key);
                }
                else
                {
                    rule[key] = v;
                }
            }
        }

        if (VerifyTypeAndAction(rule, env) is { } first)
        {
            return first;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "source", "dest" })
        {
            var m = rule.TryGetValue(key, out var addr) ? IpsetRef().Match(addr) : Match.Empty;
            // pve-firewall's verify_rule: the name must be a cluster ipset or an SDN ipset, whatever the scope prefix says
            if (m.Success && !IpSets.ContainsKey(m.Groups[2].Value) && !SdnIpsetExists(m.Groups[2].Value))
            {
                errors[key] = $"no such ipset '{m.Groups[2].Value}'";
            }
        }

        if (errors.Count > 0)
        {
            return PveResponse.ParamError(errors);
        }

        Persist(rule);
        return null;
    }

    /// <summary>SDN ipsets (<c>vnet-all</c>, <c>-gateway</c>, <c>-no-gateway</c>) exist for vnets of the running config.</summary>
    private bool SdnIpsetExists(string name) =>
        Running["vnets"].Ids.Keys.Any(v => name == v + "-all" || name == v + "-gateway" || name == v + "-no-gateway");

    private static JsonObject RuleJson(Dictionary<string, string> rule, int pos)
    {
        var o = new JsonObject { ["pos"] = pos };
        foreach (var (k, v) in rule)
        {
            o[k] = k == "enable" ? JsonValue.Create(int.Parse(v, CultureInfo.InvariantCulture)) : JsonValue.Create(v);
        }

        o["ipversion"] = 4;
        return o;
    }

    [GeneratedRegex(@"^\+(guest/|dc/|sdn/)?([A-Za-z][A-Za-z0-9_-]+)$")]
    private static partial Regex IpsetRef();
}

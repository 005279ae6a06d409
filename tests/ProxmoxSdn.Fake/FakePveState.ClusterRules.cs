using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>
/// Datacenter-level rules (<c>/cluster/firewall/rules</c>), following pve-firewall's ClusterRules handlers: creation
/// inserts at position 0 (a <c>pos</c> parameter is ignored), PUT/DELETE check the list digest and the position, PUT
/// with <c>moveto</c> only moves. Like PVE, a group rule naming a missing group and the deletion of a group a rule
/// still references are accepted; pve-firewall then warns "no such security group" each time it compiles the ruleset
/// and the rule acts as an empty chain. The fake records that warning in <see cref="CompileWarnings"/> after every
/// firewall write, so tests can prove meshd never passes through such a state.
/// </summary>
public sealed partial class FakePveState
{
    /// <summary>Cluster rules in position order.</summary>
    public List<Dictionary<string, string>> ClusterRules { get; } = [];

    /// <summary>What pve-firewall would warn when compiling after each firewall write (request: warning).</summary>
    public List<string> CompileWarnings { get; } = [];

    /// <summary>PVE's <c>copy_list_with_digest</c>: SHA-1 over every rule's sorted <c>key:value</c> lines.</summary>
    public string ClusterRulesDigest()
    {
        var text = new StringBuilder();
        foreach (var rule in ClusterRules)
        {
            foreach (var (k, v) in rule.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(k).Append(':').Append(v).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private PveResponse ClusterRule(PveRequest r)
    {
        var rules = ClusterRules;
        switch (r.Method, r.Template)
        {
            case ("GET", "/cluster/firewall/rules"):
                var digest = ClusterRulesDigest();
                return PveResponse.Ok(new JsonArray(rules.Select((rule, i) =>
                {
                    var o = RuleJson(rule, i);
                    o["digest"] = digest;
                    return (JsonNode)o;
                }).ToArray()));
            case ("POST", "/cluster/firewall/rules"):
                var created = new Dictionary<string, string>(StringComparer.Ordinal);
                if (CopyRule(created, r, "cluster") is { } bad)
                {
                    return bad;
                }

                created.TryAdd("enable", "0");
                rules.Insert(0, created);
                return PveResponse.Ok();
        }

        var pos = int.Parse(r["pos"], CultureInfo.InvariantCulture);
        if (r.Method != "GET" && r.Get("digest") is { } expected && expected != ClusterRulesDigest())
        {
            return PveResponse.Die("detected modified configuration - file changed by other user? Try again.");
        }

        if (pos >= rules.Count)
        {
            return PveResponse.Die($"no rule at position {pos}");
        }

        switch (r.Method)
        {
            case "GET":
                return PveResponse.Ok(RuleJson(rules[pos], pos));
            case "DELETE":
                rules.RemoveAt(pos);
                return PveResponse.Ok();
        }

        if (r.Get("moveto") is { } to && int.Parse(to, CultureInfo.InvariantCulture) is var moveto && moveto != pos)
        {
            var rule = rules[pos];
            rules.RemoveAt(pos);
            rules.Insert(Math.Min(moveto > pos ? moveto - 1 : moveto, rules.Count), rule);
            return PveResponse.Ok();
        }

        var updated = new Dictionary<string, string>(rules[pos], StringComparer.Ordinal);
        foreach (var d in (r.Get("delete") ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (d is "type" or "action")
            {
                return PveResponse.ParamError("delete", $"unable to delete required property '{d}'");
            }

            updated.Remove(d);
        }

        if (CopyRule(updated, r, "cluster") is { } invalid)
        {
            return invalid;
        }

        rules[pos] = updated;
        return PveResponse.Ok();
    }

    /// <summary>After a successful firewall write: the warnings pve-firewall's next compile would print.</summary>
    private PveResponse Compiled(PveRequest r, PveResponse response)
    {
        if (r.Method != "GET" && response.Status == 200)
        {
            foreach (var rule in ClusterRules.Where(x => x.GetValueOrDefault("type") == "group" && x.GetValueOrDefault("enable") == "1"))
            {
                if (!Groups.ContainsKey(rule["action"]))
                {
                    CompileWarnings.Add($"{r.Method} {r.Path}: no such security group '{rule["action"]}'");
                }
            }
        }

        return response;
    }

    /// <summary>pve-firewall's <c>rename_fw_rules</c> for the cluster scope: group rules follow a renamed group.</summary>
    private void RenameGroupReferences(string from, string to)
    {
        foreach (var rule in ClusterRules.Where(x => x.GetValueOrDefault("type") == "group" && x.GetValueOrDefault("action") == from))
        {
            rule["action"] = to;
        }
    }
}

namespace ProxmoxSdn.Fake;

/// <summary>pve-firewall's rule checks (<c>verify_rule</c>) and what a rule keeps through a save and reload.</summary>
public sealed partial class FakePveState
{
    /// <summary>
    /// What survives pve-firewall's save and reload (<c>format_rules</c>, <c>parse_fw_rule</c>): a group rule keeps
    /// only type, action, interface, enable and comment; a blank comment is dropped, others are trimmed.
    /// </summary>
    private static void Persist(Dictionary<string, string> rule)
    {
        if (rule["type"] == "group")
        {
            foreach (var key in rule.Keys.Where(k => k is not ("type" or "action" or "iface" or "enable" or "comment")).ToList())
            {
                rule.Remove(key);
            }
        }

        if (rule.TryGetValue("comment", out var comment))
        {
            if (string.IsNullOrWhiteSpace(comment))
            {
                rule.Remove("comment");
            }
            else
            {
                rule["comment"] = comment.Trim();
            }
        }
    }

    /// <summary>verify_rule's type and action checks (it raises the first error): groups cannot hold group rules.</summary>
    private static PveResponse? VerifyTypeAndAction(Dictionary<string, string> rule, string env)
    {
        var type = rule.GetValueOrDefault("type");
        var action = rule.GetValueOrDefault("action");
        if (type is null || action is null)
        {
            return PveResponse.ParamError(type is null ? "type" : "action", "missing property");
        }

        if (env == "group" && type == "group")
        {
            return PveResponse.ParamError("type", $"invalid rule type '{type}' for rule_env '{env}'");
        }

        if (env == "group" && rule.ContainsKey("iface"))
        {
            return PveResponse.ParamError("type", "parameter -i not allowed for this rule type");
        }

        if (type is "in" or "out" or "forward")
        {
            if (type == "forward" && action == "REJECT")
            {
                return PveResponse.ParamError("action", "cannot define REJECT rules on forward chain");
            }

            if (action is not ("ACCEPT" or "DROP" or "REJECT"))
            {
                return PveResponse.ParamError("action", $"unknown action '{action}'");
            }
        }

        return null;
    }
}

namespace ProxmoxSdn.Model;

/// <summary>Cluster-level rule checks, with pve-firewall's <c>verify_rule</c> limits for the cluster scope.</summary>
internal static partial class DesiredStateValidator
{
    private static void ValidateClusterRules(ClusterDesiredState state, List<string> errors)
    {
        for (var i = 0; i < state.ClusterRules.Count; i++)
        {
            var r = state.ClusterRules[i];
            var path = $"clusterRules[{i}]";
            if (r.Iface is not null && !PveNames.IsValidInterface(r.Iface))
            {
                errors.Add($"{path}.iface: PVE refuses '{r.Iface}' as an interface name (letters, digits and '_' only, 2-21 characters; e.g. '{r.Iface.Replace('-', '_')}')");
            }

            switch (r.Type)
            {
                case "group":
                    // PVE accepts a group rule naming a missing group and then silently applies an empty chain:
                    // refuse it here, where the mistake is still visible.
                    if (state.FirewallGroups.All(g => g.Name != r.Action))
                    {
                        errors.Add($"{path}.action: group rule names '{r.Action}', which is not one of the desired security groups " +
                            $"({string.Join(", ", state.FirewallGroups.Select(g => g.Name))}); a rule for a missing group does nothing in PVE");
                    }

                    // pve-firewall stores only type, action, interface, enable and comment of a group rule (format_rules):
                    // anything else would be dropped on save and rewritten by every reconcile.
                    foreach (var (name, value) in new[] { ("source", r.Source), ("dest", r.Dest), ("proto", r.Proto), ("dport", r.Dport), ("sport", r.Sport), ("macro", r.Macro), ("log", r.Log) })
                    {
                        if (value is not null)
                        {
                            errors.Add($"{path}.{name}: a group rule cannot have {name} (PVE keeps only action, iface, enable and comment of a group rule)");
                        }
                    }

                    break;
                case "in" or "out" or "forward":
                    if (r.Action is not ("ACCEPT" or "DROP" or "REJECT"))
                    {
                        errors.Add($"{path}.action: '{r.Action}' must be ACCEPT, DROP or REJECT for a rule of type {r.Type}");
                    }
                    else if (r.Type == "forward" && r.Action == "REJECT")
                    {
                        errors.Add($"{path}.action: PVE cannot define REJECT rules on the forward chain; use DROP");
                    }

                    break;
                default:
                    errors.Add($"{path}.type: '{r.Type}' must be in, out, forward or group");
                    break;
            }
        }
    }
}

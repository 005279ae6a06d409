using System.Net;
using System.Text.RegularExpressions;

namespace ProxmoxSdn.Model;

/// <summary>Checks a desired state against the rules PVE enforces, returning every error.</summary>
internal static partial class DesiredStateValidator
{
    public static IReadOnlyList<string> Validate(ClusterDesiredState state)
    {
        var errors = new List<string>();
        var c = state.Controller;
        if (!ControllerId().IsMatch(c.Id) || c.Id.Length > 64)
        {
            errors.Add($"controller.id: '{c.Id}' must be 2-64 characters [a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]");
        }

        if (c.Asn is < 0 or > uint.MaxValue)
        {
            errors.Add($"controller.asn: {c.Asn} is outside 0..4294967295");
        }

        if (c.Peers.Count == 0)
        {
            errors.Add("controller.peers: an evpn controller needs at least one peer (every VTEP of the mesh)");
        }

        for (var i = 0; i < c.Peers.Count; i++)
        {
            if (!IPAddress.TryParse(c.Peers[i], out _))
            {
                errors.Add($"controller.peers[{i}]: '{c.Peers[i]}' is not an IP address");
            }
        }

        var zones = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < state.Zones.Count; i++)
        {
            var z = state.Zones[i];
            CheckId(errors, $"zones[{i}].id", z.Id);
            if (!zones.Add(z.Id))
            {
                errors.Add($"zones[{i}].id: zone '{z.Id}' is listed twice");
            }

            if (z.Controller != c.Id)
            {
                errors.Add($"zones[{i}].controller: '{z.Controller}' is not the cluster's evpn controller '{c.Id}'");
            }

            CheckVni(errors, $"zones[{i}].vrfVxlan", z.VrfVxlan);
            if (z.Mtu is < 576 or > 65520)
            {
                errors.Add($"zones[{i}].mtu: {z.Mtu} is not a usable MTU");
            }
        }

        var vnets = new Dictionary<string, SdnVnet>(StringComparer.Ordinal);
        for (var i = 0; i < state.Vnets.Count; i++)
        {
            var v = state.Vnets[i];
            CheckId(errors, $"vnets[{i}].id", v.Id);
            CheckVni(errors, $"vnets[{i}].tag", v.Tag);
            if (!zones.Contains(v.Zone))
            {
                errors.Add($"vnets[{i}].zone: zone '{v.Zone}' is not in the desired zones");
            }

            if (state.Zones.Any(z => z.VrfVxlan == v.Tag))
            {
                errors.Add($"vnets[{i}].tag: {v.Tag} equals a zone's vrf-vxlan; they must differ");
            }

            if (!vnets.TryAdd(v.Id, v))
            {
                errors.Add($"vnets[{i}].id: vnet '{v.Id}' is listed twice");
            }
        }

        for (var i = 0; i < state.Subnets.Count; i++)
        {
            var s = state.Subnets[i];
            if (!vnets.ContainsKey(s.Vnet))
            {
                errors.Add($"subnets[{i}].vnet: vnet '{s.Vnet}' is not in the desired vnets");
            }

            if (!IPNetwork.TryParse(s.Cidr, out var net) || net.ToString() != s.Cidr)
            {
                errors.Add($"subnets[{i}].cidr: '{s.Cidr}' is not a network in canonical CIDR form (e.g. 10.1.1.0/24)");
            }
            else if (s.Gateway is not null && (!IPAddress.TryParse(s.Gateway, out var gw) || !net.Contains(gw)))
            {
                errors.Add($"subnets[{i}].gateway: '{s.Gateway}' is not an address inside {s.Cidr}");
            }
        }

        for (var i = 0; i < state.FirewallGroups.Count; i++)
        {
            var g = state.FirewallGroups[i];
            if (g.Name.Length is < 2 or > 18 || !GroupName().IsMatch(g.Name))
            {
                errors.Add($"firewallGroups[{i}].name: '{g.Name}' must be 2-18 characters [A-Za-z][A-Za-z0-9-_]+ (PVE limit)");
            }

            for (var r = 0; r < g.Rules.Count; r++)
            {
                if (g.Rules[r].Type is not ("in" or "out" or "forward"))
                {
                    errors.Add($"firewallGroups[{i}].rules[{r}].type: '{g.Rules[r].Type}' must be in, out or forward (PVE refuses group rules inside a security group)");
                }

                if (g.Rules[r].Iface is not null)
                {
                    errors.Add($"firewallGroups[{i}].rules[{r}].iface: PVE refuses an interface (-i) in a security group rule; put the rule into clusterRules instead");
                }
            }
        }

        ValidateIpSets(state, errors);
        ValidateClusterRules(state, errors);
        return errors;
    }

    private static void CheckId(List<string> errors, string path, string id)
    {
        if (id.Length is < 2 or > 8 || !SdnId().IsMatch(id))
        {
            errors.Add($"{path}: '{id}' must be 2-8 characters [a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9] (PVE zone/vnet id)");
        }
    }

    private static void CheckVni(List<string> errors, string path, int vni)
    {
        if (vni is < 1 or > 16777215)
        {
            errors.Add($"{path}: {vni} is outside the VNI range 1..16777215");
        }
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]$")]
    private static partial Regex SdnId();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]$")]
    private static partial Regex ControllerId();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]+$")]
    private static partial Regex GroupName();
}

using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ProxmoxSdn.Model;

/// <summary>Ipset checks, with the limits of the PVE schema (<c>ipset-name</c>: 2-64 chars) and pve-firewall's entry rules.</summary>
internal static partial class DesiredStateValidator
{
    private static void ValidateIpSets(ClusterDesiredState state, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < state.IpSets.Count; i++)
        {
            var s = state.IpSets[i];
            if (s.Name.Length is < 2 or > 64 || !IpSetName().IsMatch(s.Name))
            {
                errors.Add($"ipSets[{i}].name: '{s.Name}' must be 2-64 characters [A-Za-z][A-Za-z0-9-_]+ (PVE ipset name)");
            }
            else if (!names.Add(s.Name))
            {
                errors.Add($"ipSets[{i}].name: ipset '{s.Name}' is listed twice");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < s.Cidrs.Count; c++)
            {
                if (CidrError(s.Cidrs[c]) is { } error)
                {
                    errors.Add($"ipSets[{i}].cidrs[{c}]: {error}");
                }
                else if (!seen.Add(s.Cidrs[c]))
                {
                    errors.Add($"ipSets[{i}].cidrs[{c}]: '{s.Cidrs[c]}' is listed twice (PVE refuses duplicate entries)");
                }
            }
        }
    }

    /// <summary>Why PVE would refuse or rewrite an ipset entry; null when it stores it exactly as given.</summary>
    private static string? CidrError(string cidr)
    {
        if (!cidr.Contains('/', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(cidr, out var a) && a.ToString() == cidr
                ? null
                : $"'{cidr}' is not an IP address in canonical form (e.g. 10.1.0.1) or a network (e.g. 10.1.0.0/16)";
        }

        if (!IPNetwork.TryParse(cidr, out var net) || net.ToString() != cidr)
        {
            return $"'{cidr}' is not a network in canonical CIDR form (host bits must be zero, e.g. 10.1.0.0/16)";
        }

        var full = net.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return net.PrefixLength == 0 ? $"'{cidr}': a zero prefix is not allowed in ipset entries (PVE refuses it)"
            : net.PrefixLength == full ? $"'{cidr}': write the bare address '{net.BaseAddress}' (PVE stores /{full} entries without the prefix)"
            : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]+$")]
    private static partial Regex IpSetName();
}

using System.Net;

namespace Mesh.Firewall;

/// <summary>A SNAT rule on a Proxmox node that should not be there.</summary>
/// <param name="Rule">The rule as <c>iptables-save -t nat</c> prints it.</param>
/// <param name="Source">Its source subnet.</param>
/// <param name="Reason">Why it is stale.</param>
/// <param name="RemoveCommand">The command that deletes one copy of it.</param>
public sealed record StaleSnatRule(string Rule, IPNetwork Source, string Reason, string RemoveCommand);

/// <summary>
/// Finds SNAT/MASQUERADE rules Proxmox left behind for the mesh's subnets: rules for a subnet whose snat is off
/// (Proxmox does not remove them when snat is turned off) and duplicate copies (they pile up on reloads).
/// Pure: parses <c>iptables-save -t nat</c> text the caller read.
/// </summary>
public static class StaleSnat
{
    /// <summary>Stale rules, in the order they appear.</summary>
    /// <param name="iptablesSave">Output of <c>iptables-save -t nat</c>.</param>
    /// <param name="meshSubnets">Every overlay subnet of the mesh (rules for other sources are not meshd's business).</param>
    /// <param name="snatSubnets">The subnets that should be SNATed on this node.</param>
    public static IReadOnlyList<StaleSnatRule> Find(string iptablesSave, IEnumerable<IPNetwork> meshSubnets, IEnumerable<IPNetwork> snatSubnets)
    {
        ArgumentNullException.ThrowIfNull(iptablesSave);
        var mesh = meshSubnets.ToHashSet();
        var wanted = snatSubnets.ToHashSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stale = new List<StaleSnatRule>();
        foreach (var raw in iptablesSave.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("-A POSTROUTING ", StringComparison.Ordinal) || !IsSnat(line) || Source(line) is not { } source || !mesh.Contains(source))
            {
                continue;
            }

            var remove = "iptables -t nat -D" + line[2..];
            if (!wanted.Contains(source))
            {
                stale.Add(new StaleSnatRule(line, source, $"snat is off for {source} but the rule is still loaded", remove));
            }
            else if (!seen.Add(line))
            {
                stale.Add(new StaleSnatRule(line, source, $"duplicate SNAT rule for {source}", remove));
            }
        }

        return stale;
    }

    private static bool IsSnat(string line) =>
        line.Contains(" -j SNAT", StringComparison.Ordinal) || line.Contains(" -j MASQUERADE", StringComparison.Ordinal);

    private static IPNetwork? Source(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = Array.IndexOf(parts, "-s");
        if (i < 0 || i + 1 >= parts.Length)
        {
            return null;
        }

        var text = parts[i + 1].Trim('\'', '"');
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            text += IPAddress.TryParse(text, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "/128" : "/32";
        }

        return IPNetwork.TryParse(text, out var n) ? n : null;
    }
}

using Mesh.Firewall;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// The host firewall options a Proxmox site's generated rules need, compared with what its API reports (for
/// <c>meshctl doctor</c>). meshd never changes them: <see cref="FixCommands"/> says what the administrator runs.
/// </summary>
/// <param name="Site">The site (Proxmox cluster).</param>
/// <param name="Missing">Required options not in effect (nodes whose options could not be read are left out).</param>
/// <param name="Unreadable">Node → why its options could not be read.</param>
/// <param name="Error">Why the API could not be read at all; null when it was.</param>
public sealed record HostOptionsReport(
    string Site,
    IReadOnlyList<ProxmoxHostOption> Missing,
    IReadOnlyDictionary<string, string> Unreadable,
    string? Error)
{
    /// <summary>A report for a cluster whose API did not answer.</summary>
    public static HostOptionsReport Unreachable(string site, string why) =>
        new(site, [], new Dictionary<string, string>(StringComparer.Ordinal), why);

    /// <summary>One <c>pvesh set</c> per options object, keys sorted: <c>pvesh set /cluster/firewall/options --ebtables 1 --enable 1</c>.</summary>
    public IReadOnlyList<string> FixCommands() =>
        Missing
            .GroupBy(o => o.Scope == ProxmoxOptionScope.Cluster ? "/cluster/firewall/options" : $"/nodes/{o.Node}/firewall/options")
            .OrderBy(g => g.Key.StartsWith("/cluster", StringComparison.Ordinal) ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"pvesh set {g.Key} " + string.Join(' ', g.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"--{o.Key} {o.Value}")))
            .ToList();
}

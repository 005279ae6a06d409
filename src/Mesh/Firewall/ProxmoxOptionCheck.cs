namespace Mesh.Firewall;

/// <summary>
/// Compares the host options a <see cref="ProxmoxFirewall"/> needs with what the API reports, applying Proxmox's
/// defaults for absent keys (cluster <c>enable</c> 0, <c>ebtables</c> 1; node <c>nftables</c> 0). For <c>meshctl doctor</c>.
/// </summary>
public static class ProxmoxOptionCheck
{
    private static readonly Dictionary<string, string> ClusterDefaults = new(StringComparer.Ordinal)
    {
        ["enable"] = "0",
        ["ebtables"] = "1",
    };

    private static readonly Dictionary<string, string> NodeDefaults = new(StringComparer.Ordinal)
    {
        ["enable"] = "1",
        ["nftables"] = "0",
    };

    /// <summary>
    /// The required options that are not in effect. <paramref name="nodeOptions"/> maps a node name to its
    /// <c>/nodes/{node}/firewall/options</c>; a node absent from it is reported (its options are unknown).
    /// </summary>
    public static IReadOnlyList<ProxmoxHostOption> Missing(
        ProxmoxFirewall firewall,
        IReadOnlyDictionary<string, string> clusterOptions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> nodeOptions)
    {
        ArgumentNullException.ThrowIfNull(firewall);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(nodeOptions);
        var missing = new List<ProxmoxHostOption>();
        foreach (var o in firewall.HostOptions)
        {
            var (options, defaults) = o.Scope == ProxmoxOptionScope.Cluster
                ? (clusterOptions, ClusterDefaults)
                : (nodeOptions.GetValueOrDefault(o.Node ?? string.Empty), NodeDefaults);
            var actual = options is null ? null
                : options.TryGetValue(o.Key, out var v) ? v
                : defaults.GetValueOrDefault(o.Key);
            if (!Same(actual, o.Value))
            {
                missing.Add(o);
            }
        }

        return missing;
    }

    private static bool Same(string? actual, string wanted) =>
        actual is not null && (actual == wanted || (wanted == "1" && actual is "true" or "yes" or "on") || (wanted == "0" && actual is "false" or "no" or "off"));
}

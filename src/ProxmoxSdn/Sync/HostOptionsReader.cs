using ProxmoxSdn.Api;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Host firewall options as the API reports them: only keys that are set appear (PVE applies its defaults to the
/// rest). Read-only for meshd: changing them is the administrator's decision.
/// </summary>
/// <param name="Cluster"><c>GET /cluster/firewall/options</c>.</param>
/// <param name="Nodes">Node name → <c>GET /nodes/{node}/firewall/options</c>, for every node that answered.</param>
public sealed record HostFirewallOptions(
    IReadOnlyDictionary<string, string> Cluster,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Nodes)
{
    /// <summary>Node name → why its options could not be read (node offline, no permission); empty when all answered.</summary>
    public IReadOnlyDictionary<string, string> Unreadable { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>Reads the cluster's and every node's firewall options (needs Sys.Audit on /).</summary>
public static class HostOptionsReader
{
    /// <summary>
    /// Reads <c>/cluster/firewall/options</c>, lists <c>/nodes</c> and reads each node's options. A node that cannot be
    /// read lands in <see cref="HostFirewallOptions.Unreadable"/>; failing to read the cluster options or the node list
    /// throws <see cref="ProxmoxSdnException"/>.
    /// </summary>
    public static async Task<HostFirewallOptions> ReadAsync(ProxmoxApiClient api, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cluster = await ClusterReader.ReadOptionsAsync(api, "/cluster/firewall/options", cancellationToken);
        var nodes = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var unreadable = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in await ClusterReader.ReadNodesAsync(api, cancellationToken))
        {
            try
            {
                nodes[node] = await ClusterReader.ReadOptionsAsync(api, ApiPath.Of("/nodes", node, "firewall", "options"), cancellationToken);
            }
            catch (ProxmoxSdnException ex)
            {
                unreadable[node] = ex.Message;
            }
        }

        return new HostFirewallOptions(cluster, nodes) { Unreadable = unreadable };
    }
}

using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>Firewall writes after the SDN apply; cluster-level rules step by step under the list's digest.</summary>
public sealed partial class SdnReconciler
{
    /// <summary>
    /// Sends the plan's firewall writes in order. The block of cluster rule writes is replaced by
    /// <see cref="SyncClusterRulesAsync"/>: cluster rules are addressed by position in a list that administrators edit
    /// too, so each PUT/DELETE is planned from a fresh read and carries that read's digest (PVE refuses it when the
    /// list changed in between, instead of writing to the wrong rule).
    /// </summary>
    private async Task WriteFirewallAsync(ClusterDesiredState desired, SyncPlan plan, CancellationToken cancellationToken)
    {
        var planned = plan.FirewallWrites.Count(ClusterRulePlanner.IsClusterRuleWrite);
        var clusterRulesDone = false;
        foreach (var write in plan.FirewallWrites)
        {
            if (!ClusterRulePlanner.IsClusterRuleWrite(write))
            {
                await SendAsync(write, null, cancellationToken);
            }
            else if (!clusterRulesDone)
            {
                await SyncClusterRulesAsync(desired.ClusterRules, planned, cancellationToken);
                clusterRulesDone = true;
            }
        }
    }

    /// <summary>Read, plan, send the first write with the digest; until in sync, at most <paramref name="planned"/> + 2 writes.</summary>
    private async Task SyncClusterRulesAsync(IReadOnlyList<FirewallRule> desired, int planned, CancellationToken cancellationToken)
    {
        for (var step = 0; step < planned + 2; step++)
        {
            var observed = await ClusterReader.ReadClusterRulesAsync(_api, cancellationToken);
            var writes = ClusterRulePlanner.Plan(desired, observed.Rules);
            if (writes.Count == 0)
            {
                return;
            }

            var next = writes[0];
            ReconcileLog.Write(_logger, _options.ClusterName, next.Render());
            IReadOnlyList<KeyValuePair<string, string>> parameters = ClusterRulePlanner.NeedsDigest(next) && observed.Digest is { } digest
                ? [.. next.Parameters, new("digest", digest)]
                : next.Parameters;
            await _api.SendAsync(next.Method, next.Path, parameters, cancellationToken);
        }

        throw new ProxmoxSdnException(SdnErrorKind.Conflict,
            $"The cluster firewall rules of {_options.ClusterName} kept changing while meshd wrote its own ({planned} write(s) planned). " +
            "Check who else edits Datacenter > Firewall (GUI, pvesh, another automation) and run meshd again.");
    }
}

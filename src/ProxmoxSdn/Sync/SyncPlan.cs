using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// The minimal writes for one cluster: SDN writes, then (when needed) one apply, then firewall writes
/// (rules may reference <c>+sdn/&lt;vnet&gt;-all</c> ipsets that exist only after the apply).
/// </summary>
/// <param name="SdnWrites">Controller/zone/vnet/subnet writes in execution order.</param>
/// <param name="ApplyNeeded">Whether <c>PUT /cluster/sdn</c> is needed (writes, or pending changes of ours).</param>
/// <param name="FirewallWrites">
/// Ipset, security group and cluster rule writes in execution order: ipsets created and filled, groups created and
/// filled, cluster rules (<see cref="ClusterRulePlanner"/>), owned groups no longer wanted deleted, owned ipsets deleted.
/// </param>
/// <param name="PendingOwned">Objects of ours with unapplied changes found on the cluster (e.g. left by a crash).</param>
public sealed record SyncPlan(
    ValueList<ApiWrite> SdnWrites, bool ApplyNeeded, ValueList<ApiWrite> FirewallWrites, ValueList<string> PendingOwned)
{
    /// <summary>Whether the cluster is already in sync (zero writes, no apply).</summary>
    public bool IsEmpty => SdnWrites.Count == 0 && !ApplyNeeded && FirewallWrites.Count == 0;

    /// <summary>All writes in order (without lock calls and the apply).</summary>
    public IEnumerable<ApiWrite> AllWrites => SdnWrites.Concat(FirewallWrites);

    /// <summary>The calls as lines, including lock and apply calls for the given version (no secrets).</summary>
    public IReadOnlyList<string> Render(PveVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var lines = new List<string>();
        var locked = version.HasSdnLock && ApplyNeeded;
        if (locked)
        {
            lines.Add("POST /cluster/sdn/lock" + (PendingOwned.Count > 0 ? " allow-pending=1" : string.Empty));
        }

        lines.AddRange(SdnWrites.Select(w => w.Render() + (locked ? " lock-token=<token>" : string.Empty)));
        if (ApplyNeeded)
        {
            lines.Add("PUT /cluster/sdn" + (locked ? " lock-token=<token> release-lock=1" : string.Empty));
        }

        lines.AddRange(FirewallWrites.Select(w => w.Render() + (ClusterRulePlanner.NeedsDigest(w) ? " digest=<digest>" : string.Empty)));
        return lines;
    }
}

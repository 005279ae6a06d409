using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>Status of one zone on one node after an apply (<c>available</c>, <c>pending</c>, <c>error</c>, or <c>missing</c>).</summary>
public sealed record NodeZoneStatus(string Node, string Zone, string Status);

/// <summary>Outcome of one reconcile of one cluster.</summary>
/// <param name="Version">The cluster's PVE version.</param>
/// <param name="Plan">What was planned (and, unless <see cref="DryRun"/>, done).</param>
/// <param name="DryRun">Plan mode: nothing was written.</param>
/// <param name="ApplyTask">UPID of the apply task, when one ran.</param>
/// <param name="ZoneStatus">Per node and zone status after the apply (empty without apply).</param>
/// <param name="ReleasedStaleLock">A lock left by a previous meshd run was released.</param>
public sealed record ReconcileResult(
    PveVersion Version, SyncPlan Plan, bool DryRun, string? ApplyTask, ValueList<NodeZoneStatus> ZoneStatus, bool ReleasedStaleLock)
{
    /// <summary>Nodes/zones that did not reach <c>available</c> in time.</summary>
    public IReadOnlyList<NodeZoneStatus> NotAvailable => ZoneStatus.Where(s => s.Status != "available").ToList();

    /// <summary>Number of writes made (or planned).</summary>
    public int WriteCount => Plan.SdnWrites.Count + Plan.FirewallWrites.Count;
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Brings one Proxmox cluster's SDN objects and security groups to a desired state with the minimal
/// writes, one apply (<c>PUT /cluster/sdn</c>) and a check that every node reports the zones available.
/// On PVE 9 the writes run under the global SDN lock; any failure rolls back and releases it.
/// </summary>
public sealed partial class SdnReconciler
{
    private readonly ProxmoxApiClient _api;
    private readonly SdnReconcilerOptions _options;
    private readonly ILogger _logger;
    private readonly SdnLockFile _lockFile;

    /// <summary>Creates a reconciler for the cluster behind <paramref name="api"/>.</summary>
    public SdnReconciler(ProxmoxApiClient api, SdnReconcilerOptions options, ILogger<SdnReconciler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _lockFile = new SdnLockFile(options.StateDirectory, options.ClusterName);
    }

    /// <summary>Reads the cluster and returns the writes a reconcile would make, without making them.</summary>
    public async Task<ReconcileResult> PlanAsync(ClusterDesiredState desired, CancellationToken cancellationToken = default)
    {
        var version = await _api.GetVersionAsync(cancellationToken);
        var observed = await ClusterReader.ReadAsync(_api, desired, cancellationToken);
        var plan = SdnPlanner.Plan(desired, observed);
        return new ReconcileResult(version, plan, DryRun: true, null, [], ReleasedStaleLock: false);
    }

    /// <summary>Reconciles once: read, diff, write, apply, wait, then firewall writes.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ClusterDesiredState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var version = await _api.GetVersionAsync(cancellationToken);
        var releasedStale = version.HasSdnLock && await ReleaseStaleLockAsync(cancellationToken);
        var observed = await ClusterReader.ReadAsync(_api, desired, cancellationToken);
        var plan = SdnPlanner.Plan(desired, observed);
        ReconcileLog.Planned(_logger, _options.ClusterName, version.Version, plan.SdnWrites.Count + plan.FirewallWrites.Count, plan.ApplyNeeded);

        string? upid = null;
        IReadOnlyList<NodeZoneStatus> zoneStatus = [];
        if (plan.ApplyNeeded && version.HasSdnLock)
        {
            // Under the lock nobody else can change SDN: read and plan again so the writes match what is there now.
            (upid, observed, plan) = await WriteAndApplyLockedAsync(desired, plan, cancellationToken);
        }
        else if (plan.ApplyNeeded)
        {
            upid = await WriteAndApplyAsync(plan, null, cancellationToken);
        }

        if (upid is not null)
        {
            ReconcileLog.Applied(_logger, _options.ClusterName, upid);
            await WaitForTaskAsync(upid, cancellationToken);
            zoneStatus = await WaitForZonesAsync(observed.Nodes, desired.Zones.Select(z => z.Id).ToList(), cancellationToken);
        }

        await WriteFirewallAsync(desired, plan, cancellationToken);

        return new ReconcileResult(version, plan, DryRun: false, upid, zoneStatus.ToValueList(), releasedStale);
    }

    private async Task<string> WriteAndApplyAsync(SyncPlan plan, string? lockToken, CancellationToken cancellationToken)
    {
        foreach (var write in plan.SdnWrites)
        {
            await SendAsync(write, lockToken, cancellationToken);
        }

        KeyValuePair<string, string>[] applyParams = lockToken is null ? [] : [new("lock-token", lockToken), new("release-lock", "1")];
        var data = await _api.SendAsync(ApiMethod.Put, "/cluster/sdn", applyParams, cancellationToken);
        return data.ValueKind == System.Text.Json.JsonValueKind.String
            ? data.GetString()!
            : throw new ProxmoxSdnException(SdnErrorKind.ApplyFailed, $"PUT /cluster/sdn returned {data.ValueKind} instead of a task id (UPID).");
    }

    private async Task SendAsync(ApiWrite write, string? lockToken, CancellationToken cancellationToken)
    {
        ReconcileLog.Write(_logger, _options.ClusterName, write.Render());
        IReadOnlyList<KeyValuePair<string, string>> parameters = lockToken is null
            ? write.Parameters
            : [.. write.Parameters, new("lock-token", lockToken)];
        await _api.SendAsync(write.Method, write.Path, parameters, cancellationToken);
    }
}

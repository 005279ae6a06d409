using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>PVE 9 global SDN lock handling: take, persist, release stale, roll back on failure.</summary>
public sealed partial class SdnReconciler
{
    private async Task<(string? Upid, ObservedCluster Observed, SyncPlan Plan)> WriteAndApplyLockedAsync(
        ClusterDesiredState desired, SyncPlan unlockedPlan, CancellationToken cancellationToken)
    {
        var token = await AcquireLockAsync(unlockedPlan.PendingOwned.Count > 0, cancellationToken);
        ObservedCluster observed;
        SyncPlan plan;
        try
        {
            observed = await ClusterReader.ReadAsync(_api, desired, cancellationToken);
            plan = SdnPlanner.Plan(desired, observed);
        }
        catch (Exception ex) when (ex is ProxmoxSdnException or OperationCanceledException)
        {
            await _api.SendAsync(ApiMethod.Delete, "/cluster/sdn/lock", [new("lock-token", token)], CancellationToken.None);
            _lockFile.Delete();
            throw;
        }

        if (!plan.ApplyNeeded)
        {
            // Someone else converged the cluster between our read and the lock.
            await _api.SendAsync(ApiMethod.Delete, "/cluster/sdn/lock", [new("lock-token", token)], cancellationToken);
            _lockFile.Delete();
            return (null, observed, plan);
        }

        try
        {
            var upid = await WriteAndApplyAsync(plan, token, cancellationToken);
            _lockFile.Delete();
            return (upid, observed, plan);
        }
        catch (Exception ex) when (ex is ProxmoxSdnException or OperationCanceledException)
        {
            ReconcileLog.RollingBack(_logger, _options.ClusterName, ex);
            try
            {
                await _api.SendAsync(ApiMethod.Post, "/cluster/sdn/rollback", [new("lock-token", token), new("release-lock", "1")], CancellationToken.None);
                _lockFile.Delete();
            }
            catch (ProxmoxSdnException rollback)
            {
                throw new ProxmoxSdnException(SdnErrorKind.ApplyFailed,
                    $"SDN writes on {_options.ClusterName} failed ({ex.Message}) and the rollback failed too ({rollback.Message}). " +
                    $"The lock token stays in {_lockFile.Path}; the next meshd run releases it.", ex);
            }

            throw;
        }
    }

    private async Task<string> AcquireLockAsync(bool allowPending, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] parameters = allowPending ? [new("allow-pending", "1")] : [];
        try
        {
            var data = await _api.SendAsync(ApiMethod.Post, "/cluster/sdn/lock", parameters, cancellationToken);
            var token = data.ValueKind == System.Text.Json.JsonValueKind.String ? data.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new ProxmoxSdnException(SdnErrorKind.Api, "POST /cluster/sdn/lock returned no lock token.");
            }

            _lockFile.Write(token);
            return token;
        }
        catch (ProxmoxApiException ex) when (ex.Reason.Contains("pending changes", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProxmoxSdnException(SdnErrorKind.Conflict,
                $"Cluster {_options.ClusterName} has pending SDN changes that meshd did not make ({ex.Reason}). Apply or revert them, then run meshd again.", ex);
        }
        catch (ProxmoxApiException ex) when (ex.Reason.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProxmoxSdnException(SdnErrorKind.LockedByOther,
                $"The SDN configuration of cluster {_options.ClusterName} is locked by another client ({ex.Reason}); meshd holds no token for it " +
                $"(none in {_lockFile.Path}) and never force-releases a lock it does not own. Wait until that client (GUI, OpenTofu, another meshd) " +
                "finishes; if it crashed, check nobody is editing SDN and release it on a node: pvesh delete /cluster/sdn/lock --force 1", ex);
        }
    }

    /// <summary>Releases (without force) a lock our previous run left; true when one was released.</summary>
    private async Task<bool> ReleaseStaleLockAsync(CancellationToken cancellationToken)
    {
        var token = _lockFile.Read();
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            await _api.SendAsync(ApiMethod.Delete, "/cluster/sdn/lock", [new("lock-token", token)], cancellationToken);
            _lockFile.Delete();
            ReconcileLog.StaleLockReleased(_logger, _options.ClusterName);
            return true;
        }
        catch (ProxmoxApiException ex) when (ex.Reason.Contains("invalid lock token", StringComparison.OrdinalIgnoreCase))
        {
            _lockFile.Delete();
            ReconcileLog.StaleTokenForgotten(_logger, _options.ClusterName);
            return false;
        }
    }
}

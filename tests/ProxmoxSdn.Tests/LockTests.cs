using ProxmoxSdn.Api;
using ProxmoxSdn.Fake;
using ProxmoxSdn.Sync;

namespace ProxmoxSdn.Tests;

/// <summary>PVE 9 lock behaviour and crash recovery (PVE 8 where it applies).</summary>
public sealed class LockTests
{
    public static TheoryData<string> Pve9 => new("9");

    [Theory]
    [MemberData(nameof(Pve9))]
    public async Task Failure_midway_rolls_back_and_releases_the_lock(string schema)
    {
        await using var h = Harness.Start(schema);
        h.Server.Faults.Add(new Fault("POST", "/api2/json/cluster/sdn/vnets", FaultKind.Status)
        {
            Status = 400, Reason = "Parameter verification failed.", Errors = new Dictionary<string, string> { ["tag"] = "tag 100000 already used" },
        });

        var ex = await Assert.ThrowsAsync<ProxmoxApiException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken));

        Assert.Contains("tag: tag 100000 already used", ex.Message, StringComparison.Ordinal);
        Assert.Contains(h.Server.Log, r => r.Path == "/cluster/sdn/rollback" && r.Params["release-lock"] == "1" && r.Status == 200);
        Assert.Null(h.State.LockToken);
        Assert.False(h.State.HasPendingChanges());
        Assert.Empty(h.State.Config["controllers"].Ids);
        Assert.Equal(0, h.State.ApplyCount);
        Assert.Empty(Directory.GetFiles(h.StateDir));
    }

    [Theory]
    [MemberData(nameof(Pve9))]
    public async Task Lock_held_by_someone_else_is_reported_and_never_forced(string schema)
    {
        await using var h = Harness.Start(schema);
        h.State.LockToken = "0190aaaa-someone-else";

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.LockedByOther, ex.Kind);
        Assert.Contains("locked by another client", ex.Message, StringComparison.Ordinal);
        Assert.Contains("never force-releases", ex.Message, StringComparison.Ordinal);
        Assert.Equal("0190aaaa-someone-else", h.State.LockToken);
        Assert.DoesNotContain(h.Server.Log, r => r.Method == "DELETE" && r.Path == "/cluster/sdn/lock");
        Assert.DoesNotContain(h.Server.Writes, r => r.Path.StartsWith("/cluster/sdn/controllers", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Pve9))]
    public async Task Crash_between_write_and_apply_is_recovered_by_the_next_run(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;

        // A previous meshd took the lock, persisted the token, wrote the controller and died.
        var token = (await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/lock", [], ct)).GetString()!;
        new SdnLockFile(h.StateDir, "roz").Write(token);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/controllers",
            [new("controller", "evpnctl"), new("type", "evpn"), new("asn", "65000"), new("peers", "10.1.0.1"), new("lock-token", token)], ct);

        var result = await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);

        Assert.True(result.ReleasedStaleLock);
        Assert.Contains(h.Server.Log, r => r.Method == "DELETE" && r.Path == "/cluster/sdn/lock" && r.Params["lock-token"] == token && !r.Params.ContainsKey("force"));
        Assert.Contains(h.Server.Log, r => r.Path == "/cluster/sdn/lock" && r.Method == "POST" && r.Params.GetValueOrDefault("allow-pending") == "1");
        Assert.Contains(result.Plan.SdnWrites, w => w.Path == "/cluster/sdn/controllers/evpnctl" && w.Method == ApiMethod.Put);
        Assert.Null(h.State.LockToken);
        Assert.False(h.State.HasPendingChanges());
        Assert.Equal("10.1.0.1,10.2.0.1", h.State.Running["controllers"].Ids["evpnctl"]["peers"]);
        Assert.Empty(Directory.GetFiles(h.StateDir));
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Apply_failure_leaves_no_lock_and_the_next_run_converges(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        h.Server.Faults.Add(new Fault("PUT", "/api2/json/cluster/sdn", FaultKind.Reset) { Times = 3 });

        await Assert.ThrowsAsync<ProxmoxSdnException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), ct));
        Assert.Null(h.State.LockToken);
        Assert.Equal(0, h.State.ApplyCount);

        var mark = h.Server.Log.Count;
        var second = await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);

        Assert.Equal(1, h.State.ApplyCount);
        Assert.False(h.State.HasPendingChanges());
        Assert.Null(h.State.LockToken);
        Assert.Empty(second.NotAvailable);
        Assert.True(h.State.Running["subnets"].Ids.ContainsKey("crossite-10.1.1.0-24"));
        if (!h.State.HasLock)
        {
            // PVE 8 has no rollback: the pending writes stay and the next run only applies them.
            Assert.Empty(second.Plan.SdnWrites);
            Assert.Contains(h.WritesSince(mark), w => w.Path == "/cluster/sdn" && w.Method == "PUT");
        }
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Foreign_pending_changes_block_the_apply(string schema)
    {
        await using var h = Harness.Start(schema);
        h.State.Config["zones"].Ids["lab"] = new(StringComparer.Ordinal) { ["type"] = "simple" };

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.Conflict, ex.Kind);
        Assert.Contains("zone lab: new", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Writes);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task A_foreign_evpn_controller_is_a_conflict_not_a_second_controller(string schema)
    {
        await using var h = Harness.Start(schema);
        h.State.Running["controllers"].Ids["theirs"] = new(StringComparer.Ordinal) { ["type"] = "evpn", ["asn"] = "65001", ["peers"] = "10.9.0.1" };
        h.State.Config["controllers"] = h.State.Running["controllers"].Clone();

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.Conflict, ex.Kind);
        Assert.Contains("'theirs'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Writes);
    }

    [Theory]
    [MemberData(nameof(Pve9))]
    public async Task Plan_is_recomputed_under_the_lock(string schema)
    {
        await using var h = Harness.Start(schema);
        h.Server.BeforeHandle = (method, path) =>
        {
            if (method == "POST" && path == "/api2/json/cluster/sdn/lock" && h.State.LockToken is null)
            {
                // Another admin creates and applies the same controller just before we lock.
                var ctl = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["type"] = "evpn", ["asn"] = "65000", ["peers"] = "10.1.0.1,10.2.0.1" };
                h.State.Config["controllers"].Ids["evpnctl"] = ctl;
                h.State.Running["controllers"] = h.State.Config["controllers"].Clone();
            }
        };

        var result = await h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(h.Server.Writes, w => w.Path.StartsWith("/cluster/sdn/controllers", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Plan.SdnWrites, w => w.Path.StartsWith("/cluster/sdn/controllers", StringComparison.Ordinal));
        Assert.Empty(result.NotAvailable);
        Assert.Null(h.State.LockToken);
    }

    [Theory]
    [MemberData(nameof(Pve9))]
    public async Task Foreign_pending_change_appearing_before_the_lock_is_a_conflict_not_a_lock_error(string schema)
    {
        await using var h = Harness.Start(schema);
        h.Server.BeforeHandle = (method, path) =>
        {
            if (method == "POST" && path == "/api2/json/cluster/sdn/lock")
            {
                h.State.Config["zones"].Ids["lab"] = new(StringComparer.Ordinal) { ["type"] = "simple" };
            }
        };

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.Conflict, ex.Kind);
        Assert.Contains("configuration has pending changes", ex.Message, StringComparison.Ordinal);
        Assert.Null(h.State.LockToken);
    }
}

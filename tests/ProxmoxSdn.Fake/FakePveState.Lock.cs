namespace ProxmoxSdn.Fake;

/// <summary>PVE 9 global SDN lock, following pve-network's lock/release/rollback handlers.</summary>
public sealed partial class FakePveState
{
    /// <summary>Every lock token ever handed out (tests check releases).</summary>
    public List<string> IssuedTokens { get; } = [];

    private PveResponse AcquireLock(PveRequest r)
    {
        const string errmsg = "could not acquire lock for SDN config";
        if (LockToken is not null)
        {
            return PveResponse.Die($"{errmsg}: invalid lock token provided!");
        }

        if (!r.Flag("allow-pending", false) && HasPendingChanges())
        {
            return PveResponse.Die($"{errmsg}: configuration has pending changes");
        }

        LockToken = Guid.CreateVersion7().ToString();
        IssuedTokens.Add(LockToken);
        return PveResponse.Ok(LockToken);
    }

    private PveResponse ReleaseLock(PveRequest r)
    {
        if (!r.Flag("force", false) && CheckLock(r, "could not release lock") is { } denied)
        {
            return denied;
        }

        LockToken = null;
        return PveResponse.Ok();
    }

    private PveResponse Rollback(PveRequest r)
    {
        if (CheckLock(r, "could not rollback SDN configuration") is { } denied)
        {
            return denied;
        }

        foreach (var k in Kinds)
        {
            Config[k] = Running[k].Clone();
        }

        if (r.Get("lock-token") is not null && r.Flag("release-lock", true))
        {
            LockToken = null;
        }

        return PveResponse.Ok();
    }
}

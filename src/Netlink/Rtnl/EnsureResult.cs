namespace Netlink.Rtnl;

/// <summary>What an Ensure operation had to do to reach the desired state.</summary>
public enum EnsureResult
{
    /// <summary>The kernel already matched; nothing was sent.</summary>
    Unchanged,

    /// <summary>The object did not exist and was created.</summary>
    Created,

    /// <summary>The object existed and was changed (or recreated when a setting cannot change in place).</summary>
    Changed,
}

/// <summary>Counts from <see cref="RtnlClient.SyncRoutes"/>.</summary>
public sealed record RouteSyncResult(int Created, int Changed, int Unchanged, int Removed)
{
    /// <summary>True when nothing was sent to the kernel.</summary>
    public bool NothingChanged => Created == 0 && Changed == 0 && Removed == 0;
}

namespace ProxmoxSdn.Sync;

/// <summary>Tuning of the reconciler (defaults suit a real cluster; tests shorten them).</summary>
public sealed record SdnReconcilerOptions
{
    /// <summary>Directory for state that must survive restarts (the SDN lock token, mode 0600).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Name of the cluster (used in file names and messages).</summary>
    public required string ClusterName { get; init; }

    /// <summary>Interval between apply-task status polls.</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the apply task may run.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Interval between per-node zone status polls.</summary>
    public TimeSpan ZonePollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Polls per node before a zone still <c>pending</c> is reported.</summary>
    public int ZonePollAttempts { get; init; } = 30;
}

namespace Mesh.Daemon.Ddns;

/// <summary>Scheduling and roaming bounds for DDNS endpoint watchers.</summary>
public sealed record DdnsOptions
{
    /// <summary>Never re-resolve sooner than this, whatever the TTL (TTL 0 included).</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Re-resolve at least this often, whatever the TTL.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Fraction of the interval (0..0.5) by which a re-resolution may come early, to spread queries.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>First retry delay after a failure or a negative answer; doubles per consecutive failure.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the failure backoff.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A handshake older than this means the current endpoint is not proven (WireGuard's 135 s: REKEY_TIMEOUT + keepalive + rekey).</summary>
    public TimeSpan HandshakeStaleAfter { get; init; } = TimeSpan.FromSeconds(135);

    /// <summary>Returns every problem with these options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinInterval <= TimeSpan.Zero)
        {
            errors.Add("ddns.min_interval must be positive (default 5 s)");
        }

        if (MaxInterval < MinInterval)
        {
            errors.Add("ddns.max_interval must be at least ddns.min_interval (default 1 h)");
        }

        if (Jitter is < 0 or > 0.5 || double.IsNaN(Jitter))
        {
            errors.Add("ddns.jitter must be between 0 and 0.5 (default 0.1)");
        }

        if (BackoffInitial <= TimeSpan.Zero || BackoffMax < BackoffInitial)
        {
            errors.Add("ddns.backoff_initial must be positive and not above ddns.backoff_max (defaults 1 s / 60 s)");
        }

        if (HandshakeStaleAfter <= TimeSpan.Zero)
        {
            errors.Add("ddns.handshake_stale_after must be positive (default 135 s)");
        }

        return errors;
    }
}

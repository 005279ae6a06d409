namespace ProxmoxSdn.Api;

/// <summary>How to reach one Proxmox cluster's API.</summary>
public sealed record ProxmoxClientOptions
{
    /// <summary>API root, e.g. <c>https://pve1.example:8006/</c> (<c>/api2/json/</c> is appended when missing).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The API token.</summary>
    public required ApiToken Token { get; init; }

    /// <summary>Pinned SHA-256 certificate fingerprint; null = normal system certificate validation.</summary>
    public CertificateFingerprint? Fingerprint { get; init; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request for connection errors, timeouts and 5xx (4xx are never retried).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>First retry delay; doubled per attempt, with jitter, capped by <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    internal Uri ApiRoot
    {
        get
        {
            var text = BaseAddress.AbsoluteUri.TrimEnd('/');
            return new Uri(text.EndsWith("/api2/json", StringComparison.Ordinal) ? text + "/" : text + "/api2/json/");
        }
    }
}

namespace Mesh.Daemon.Nft;

/// <summary>How <see cref="NftApplier"/> runs nft.</summary>
public sealed record NftOptions
{
    /// <summary>Run nft inside this network namespace (<c>ip netns exec NAME nft …</c>); null = the daemon's own.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The nft program.</summary>
    public string NftPath { get; init; } = "nft";

    /// <summary>The ip program (only used with <see cref="NetworkNamespace"/>).</summary>
    public string IpPath { get; init; } = "ip";

    /// <summary>Time limit for one nft call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>What an apply did.</summary>
public enum NftApplyOutcome
{
    /// <summary>The running table already matched; nothing was loaded.</summary>
    Unchanged,

    /// <summary>The table was (re)loaded atomically.</summary>
    Loaded,

    /// <summary>The plan has no table and the running one was deleted.</summary>
    Removed,

    /// <summary>The plan has no table and none was running.</summary>
    Absent,
}

/// <summary>nft failed; <see cref="StdErr"/> holds nft's own message (with the file line for syntax errors).</summary>
public sealed class NftException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NftException(string message, string? stdErr = null, int exitCode = -1, Exception? inner = null)
        : base(message, inner)
    {
        StdErr = stdErr;
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception.</summary>
    public NftException()
        : this("nft failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public NftException(string message)
        : this(message, null, -1, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NftException(string message, Exception inner)
        : this(message, null, -1, inner)
    {
    }

    /// <summary>nft's standard error.</summary>
    public string? StdErr { get; }

    /// <summary>nft's exit code (-1 when it did not run).</summary>
    public int ExitCode { get; }
}

namespace Frr;

/// <summary>Why an FRR operation failed; lets callers react without parsing messages.</summary>
public enum FrrErrorReason
{
    /// <summary>The input configuration is invalid (the message names the place).</summary>
    InvalidConfig,

    /// <summary>The input uses a feature this library does not render.</summary>
    Unsupported,

    /// <summary>vtysh, frr-reload.py or a daemon binary is not installed.</summary>
    ToolMissing,

    /// <summary>FRR (or the daemon needed) is not running.</summary>
    NotRunning,

    /// <summary>A command exited non-zero.</summary>
    CommandFailed,

    /// <summary>A command did not finish in time.</summary>
    Timeout,

    /// <summary>A command printed output that could not be parsed.</summary>
    BadOutput,

    /// <summary>After applying, the running configuration still lacks wanted lines.</summary>
    VerifyFailed,
}

/// <summary>The one exception type of the Frr library; the message says what to do next.</summary>
public sealed class FrrException : Exception
{
    /// <summary>Creates an exception with a reason and an actionable message.</summary>
    public FrrException(FrrErrorReason reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    /// <summary>Creates an exception (reason <see cref="FrrErrorReason.InvalidConfig"/>).</summary>
    public FrrException()
        : this(FrrErrorReason.InvalidConfig, "invalid FRR configuration")
    {
    }

    /// <summary>Creates an exception (reason <see cref="FrrErrorReason.InvalidConfig"/>).</summary>
    public FrrException(string message)
        : this(FrrErrorReason.InvalidConfig, message)
    {
    }

    /// <summary>Creates an exception (reason <see cref="FrrErrorReason.InvalidConfig"/>).</summary>
    public FrrException(string message, Exception inner)
        : this(FrrErrorReason.InvalidConfig, message, inner)
    {
    }

    /// <summary>Why it failed.</summary>
    public FrrErrorReason Reason { get; }
}

namespace ProxmoxSdn;

/// <summary>What went wrong, for callers that react differently (retry later, alert an operator, fix config).</summary>
public enum SdnErrorKind
{
    /// <summary>The API answered with an error status (see <see cref="ProxmoxApiException"/>).</summary>
    Api,

    /// <summary>The API could not be reached (connection refused/reset, timeout) after all retries.</summary>
    Unreachable,

    /// <summary>The server certificate did not match the pinned fingerprint.</summary>
    CertificateMismatch,

    /// <summary>The API token file is missing, malformed or readable by others.</summary>
    Token,

    /// <summary>The desired state handed to the reconciler is invalid.</summary>
    InvalidDesiredState,

    /// <summary>The SDN configuration is locked by another client; meshd never force-releases it.</summary>
    LockedByOther,

    /// <summary>The cluster holds objects that conflict with the desired state (e.g. a foreign evpn controller).</summary>
    Conflict,

    /// <summary>The apply task failed or did not finish in time.</summary>
    ApplyFailed,
}

/// <summary>Base exception of the Proxmox SDN adapter; the message says what to do next.</summary>
public class ProxmoxSdnException : Exception
{
    /// <summary>Creates an exception of the given kind.</summary>
    public ProxmoxSdnException(SdnErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Creates an API-kind exception (for serializers and analyzers).</summary>
    public ProxmoxSdnException()
        : this(SdnErrorKind.Api, "Proxmox SDN error")
    {
    }

    /// <summary>Creates an API-kind exception with a message.</summary>
    public ProxmoxSdnException(string message)
        : this(SdnErrorKind.Api, message)
    {
    }

    /// <summary>Creates an API-kind exception with a message and cause.</summary>
    public ProxmoxSdnException(string message, Exception innerException)
        : this(SdnErrorKind.Api, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public SdnErrorKind Kind { get; }
}

namespace WireGuard.Uapi;

/// <summary>The errno values a UAPI reply carries (negated on the wire: `errno=-22`).</summary>
public static class UapiErrno
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>EIO: the device failed while applying or reading.</summary>
    public const int Io = 5;

    /// <summary>EINVAL: unknown key or bad value.</summary>
    public const int Invalid = 22;

    /// <summary>EPROTO: a line that is not key=value, or an unknown operation.</summary>
    public const int Protocol = 71;

    /// <summary>EADDRINUSE: the listen port is taken.</summary>
    public const int AddressInUse = 98;
}

/// <summary>Why a UAPI request was refused: the positive errno and a message naming the line.</summary>
public sealed record UapiError(int Errno, string Message);

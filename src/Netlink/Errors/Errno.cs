namespace Netlink;

/// <summary>Linux errno values the library maps to exceptions (asm-generic/errno-base.h, errno.h).</summary>
public static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory (also: unknown generic netlink family).</summary>
    public const int ENOENT = 2;

    /// <summary>Interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;

    /// <summary>Object exists.</summary>
    public const int EEXIST = 17;

    /// <summary>No such device.</summary>
    public const int ENODEV = 19;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>No such process (also: route/neighbour not found on delete).</summary>
    public const int ESRCH = 3;

    /// <summary>Bad message (malformed reply).</summary>
    public const int EBADMSG = 74;

    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Address family not supported (also: netlink protocol not built in).</summary>
    public const int EAFNOSUPPORT = 97;

    /// <summary>Protocol not supported.</summary>
    public const int EPROTONOSUPPORT = 93;

    /// <summary>No buffer space (monitor overflow).</summary>
    public const int ENOBUFS = 105;

    /// <summary>Timed out.</summary>
    public const int ETIMEDOUT = 110;
}

namespace Netlink;

/// <summary>Translates errno values into the library's exceptions at the socket edge.</summary>
internal static class ErrorMapper
{
    /// <summary>Builds the exception for a failed request described by <paramref name="what"/>.</summary>
    public static NetlinkException FromErrno(int errno, string what, string? kernelMessage = null)
    {
        var detail = kernelMessage is null ? string.Empty : $" (kernel: {kernelMessage})";
        var text = $"{what} failed: {Describe(errno)}{detail}";
        return errno switch
        {
            Errno.ENODEV => new NoSuchDeviceException(errno, text + "; check the device name with `ip link`", kernelMessage),
            Errno.EEXIST => new AlreadyExistsException(errno, text + "; delete it first or use the Ensure operation", kernelMessage),
            Errno.EPERM or Errno.EACCES => new PermissionDeniedException(
                errno, text + "; run as root or grant CAP_NET_ADMIN (systemd: AmbientCapabilities=CAP_NET_ADMIN)", kernelMessage),
            Errno.EOPNOTSUPP or Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT => new NotSupportedByKernelException(
                errno, text + "; this kernel lacks the feature (load the module or use a kernel that has it)", kernelMessage),
            _ => new NetlinkException(errno, text, kernelMessage),
        };
    }

    /// <summary>Short errno name and meaning.</summary>
    public static string Describe(int errno) => errno switch
    {
        Errno.EPERM => "EPERM (operation not permitted)",
        Errno.ENOENT => "ENOENT (not found)",
        Errno.ESRCH => "ESRCH (no such object)",
        Errno.EINTR => "EINTR (interrupted)",
        Errno.EACCES => "EACCES (permission denied)",
        Errno.EBUSY => "EBUSY (busy)",
        Errno.EEXIST => "EEXIST (already exists)",
        Errno.ENODEV => "ENODEV (no such device)",
        Errno.EINVAL => "EINVAL (invalid argument)",
        Errno.EBADMSG => "EBADMSG (malformed message)",
        Errno.EOPNOTSUPP => "EOPNOTSUPP (not supported)",
        Errno.EAFNOSUPPORT => "EAFNOSUPPORT (address family not supported)",
        Errno.EPROTONOSUPPORT => "EPROTONOSUPPORT (protocol not supported)",
        Errno.ENOBUFS => "ENOBUFS (receive buffer overrun)",
        Errno.ETIMEDOUT => "ETIMEDOUT (no answer)",
        _ => $"errno {errno}",
    };
}

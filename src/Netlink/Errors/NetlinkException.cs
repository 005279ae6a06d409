namespace Netlink;

/// <summary>
/// A netlink request failed. <see cref="Errno"/> is the positive Linux errno the kernel (or a socket call)
/// returned; <see cref="KernelMessage"/> is the kernel's extended-ack text when it sent one.
/// </summary>
public class NetlinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NetlinkException(int errno, string message, string? kernelMessage = null)
        : base(message) => (Errno, KernelMessage) = (errno, kernelMessage);

    /// <summary>Creates an exception without an errno.</summary>
    public NetlinkException()
        : this(0, "netlink request failed")
    {
    }

    /// <summary>Creates an exception without an errno.</summary>
    public NetlinkException(string message)
        : this(0, message)
    {
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Positive errno value (0 when not from the kernel).</summary>
    public int Errno { get; }

    /// <summary>The kernel's extended-ack message (NLMSGERR_ATTR_MSG), if any.</summary>
    public string? KernelMessage { get; }
}

/// <summary>The named device (or the device a request refers to) does not exist (ENODEV).</summary>
public sealed class NoSuchDeviceException(int errno, string message, string? kernelMessage = null)
    : NetlinkException(errno, message, kernelMessage);

/// <summary>The object to create already exists (EEXIST).</summary>
public sealed class AlreadyExistsException(int errno, string message, string? kernelMessage = null)
    : NetlinkException(errno, message, kernelMessage);

/// <summary>The caller lacks CAP_NET_ADMIN in the target namespace (EPERM/EACCES).</summary>
public sealed class PermissionDeniedException(int errno, string message, string? kernelMessage = null)
    : NetlinkException(errno, message, kernelMessage);

/// <summary>The running kernel lacks the feature (module or config option) a request needs.</summary>
public sealed class NotSupportedByKernelException(int errno, string message, string? kernelMessage = null)
    : NetlinkException(errno, message, kernelMessage);

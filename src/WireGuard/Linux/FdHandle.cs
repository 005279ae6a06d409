using Microsoft.Win32.SafeHandles;

namespace WireGuard.Linux;

/// <summary>An owned Linux file descriptor, closed exactly once.</summary>
internal sealed class FdHandle : SafeHandleMinusOneIsInvalid
{
    /// <summary>Wraps <paramref name="fd"/> (owned).</summary>
    public FdHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>The raw descriptor (valid while the handle is alive).</summary>
    public int Fd => (int)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => Native.Close((int)handle) == 0;
}

using System.Runtime.InteropServices;

namespace WireGuard.Linux;

/// <summary>
/// An eventfd that wakes threads blocked in poll on another descriptor, so Close/Dispose can stop a
/// blocking reader (closing an fd does not wake a thread blocked on it under Linux).
/// </summary>
internal sealed unsafe class Waker : IDisposable
{
    private readonly FdHandle _fd;
    private volatile bool _signalled;

    public Waker()
    {
        var fd = Native.EventFd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
        if (fd < 0)
        {
            throw LinuxError.Io("eventfd", Native.Errno);
        }

        _fd = new FdHandle(fd);
    }

    /// <summary>True once <see cref="Signal"/> was called.</summary>
    public bool Signalled => _signalled;

    /// <summary>Wakes every waiter, now and later.</summary>
    public void Signal()
    {
        _signalled = true;
        ulong one = 1;
        _ = Native.Write(_fd.Fd, (byte*)&one, 8);
    }

    /// <summary>
    /// Waits until <paramref name="fd"/> has <paramref name="events"/> or the waker is signalled or the timeout
    /// passes. Returns false when signalled.
    /// </summary>
    public bool Wait(int fd, short events, int timeoutMs)
    {
        if (_signalled)
        {
            return false;
        }

        var fds = stackalloc Native.PollFd[2];
        fds[0] = new Native.PollFd { Fd = fd, Events = events };
        fds[1] = new Native.PollFd { Fd = _fd.Fd, Events = Native.POLLIN };
        var n = Native.Poll(fds, 2, timeoutMs);
        if (n < 0 && Native.Errno != Native.EINTR)
        {
            throw LinuxError.Io("poll", Marshal.GetLastPInvokeError());
        }

        return !_signalled;
    }

    public void Dispose() => _fd.Dispose();
}

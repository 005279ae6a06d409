using System.Runtime.InteropServices;
using WireGuard.Conn;

namespace WireGuard.Linux;

/// <summary>
/// The Linux UDP side of a device: one dual-stack IPv6 socket (IPV6_V6ONLY off; IPv4-only when the host has
/// no IPv6), several-MB buffers, recvmmsg with UDP GRO (super-datagrams split by the gso_size control message)
/// and sendmmsg with UDP GSO (a run of equal-sized datagrams to one endpoint leaves as one send). Datagrams leave
/// with don't-fragment set; what exceeds the path MTU is dropped and counted in <see cref="TooBig"/>.
/// Receive is meant for one thread at a time; Send is thread-safe.
/// </summary>
public sealed unsafe partial class LinuxBind : IBind
{
    /// <summary>Socket buffer size asked for (SO_RCVBUFFORCE as root, else capped by net.core.*mem_max).</summary>
    public const int SocketBuffer = 7 << 20;

    private const int RecvMsgs = 16;
    private const int RecvSlot = 65536;
    private const int SendMsgs = 128;
    private const int SendArea = 4 * 65536;
    private const int MaxGsoSegments = 64;
    private const int MaxGsoBytes = 65000;

    private readonly Lock _sendLock = new();
    private readonly Lock _recvLock = new();
    private FdHandle? _sock;
    private Waker? _waker;
    private bool _v6;
    private NativeArea? _rx;
    private NativeArea? _tx;
    private int _rxCount;
    private int _rxMsg;
    private int _rxOffset;

    /// <inheritdoc/>
    public int BatchSize => 128;

    /// <summary>True while UDP_SEGMENT works; cleared after the kernel refuses a GSO send.</summary>
    public bool GsoEnabled { get; private set; }

    /// <summary>True when the kernel accepted UDP_GRO on the socket.</summary>
    public bool GroEnabled { get; private set; }

    /// <summary>Receive buffer size the kernel granted (bytes, as SO_RCVBUF reports it).</summary>
    public int ReceiveBufferBytes { get; private set; }

    /// <inheritdoc/>
    public ushort Open(ushort port)
    {
        Close();
        var v6 = true;
        var fd = Native.Socket(Native.AF_INET6, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK, 0);
        if (fd < 0)
        {
            v6 = false;
            fd = Native.Socket(Native.AF_INET, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK, 0);
        }

        if (fd < 0)
        {
            throw LinuxError.Io("socket(UDP)", Native.Errno);
        }

        var sock = new FdHandle(fd);
        try
        {
            if (v6)
            {
                Native.SetInt(fd, Native.IPPROTO_IPV6, Native.IPV6_V6ONLY, 0);
            }

            SetBuffers(fd);
            DontFragment = SetDontFragment(fd, v6);
            var addr = stackalloc byte[SockAddr.Size];
            new Span<byte>(addr, SockAddr.Size).Clear();
            *(ushort*)addr = (ushort)(v6 ? Native.AF_INET6 : Native.AF_INET);
            *(ushort*)(addr + 2) = (ushort)((port >> 8) | (port << 8));
            if (Native.Bind(fd, addr, v6 ? SockAddr.Size : 16u) != 0)
            {
                throw LinuxError.Socket($"binding UDP port {port}", Native.Errno);
            }

            uint len = SockAddr.Size;
            if (Native.GetSockName(fd, addr, &len) != 0)
            {
                throw LinuxError.Io("getsockname", Native.Errno);
            }

            GroEnabled = Native.SetInt(fd, Native.SOL_UDP, Native.UDP_GRO, 1) == 0;
            GsoEnabled = true;
            _v6 = v6;
            _waker = new Waker();
            _rx ??= new NativeArea(RecvMsgs, RecvSlot);
            _tx ??= new NativeArea(SendMsgs, SendArea / SendMsgs);
            _rxCount = _rxMsg = _rxOffset = 0;
            _sock = sock;
            return SockAddr.Read(addr).Port;
        }
        catch
        {
            sock.Dispose();
            throw;
        }
    }

    private void SetBuffers(int fd)
    {
        foreach (var (force, plain) in new[] { (Native.SO_RCVBUFFORCE, Native.SO_RCVBUF), (Native.SO_SNDBUFFORCE, Native.SO_SNDBUF) })
        {
            if (Native.SetInt(fd, Native.SOL_SOCKET, force, SocketBuffer) != 0)
            {
                Native.SetInt(fd, Native.SOL_SOCKET, plain, SocketBuffer);
            }
        }

        int v = 0;
        uint l = sizeof(int);
        ReceiveBufferBytes = GetSockOpt(fd, Native.SOL_SOCKET, Native.SO_RCVBUF, &v, &l) == 0 ? v : 0;
    }

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, void* value, uint* len);

    /// <inheritdoc/>
    public void SetMark(uint mark)
    {
        var s = _sock ?? throw new InvalidOperationException("the bind is not open; call Open first");
        var e = Native.SetInt(s.Fd, Native.SOL_SOCKET, Native.SO_MARK, (int)mark);
        if (e != 0)
        {
            throw LinuxError.Io($"setting SO_MARK {mark} (needs CAP_NET_ADMIN)", e);
        }

        _mark = mark;
    }

    /// <inheritdoc/>
    public void Close()
    {
        var w = _waker;
        w?.Signal();
        lock (_recvLock)
        {
            lock (_sendLock)
            {
                _sock?.Dispose();
                _sock = null;
                _waker = null;
                w?.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _rx?.Dispose();
        _tx?.Dispose();
        _rx = _tx = null;
    }
}

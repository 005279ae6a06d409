using WireGuard.Conn;
using WireGuard.Linux;

namespace WireGuard.Tun;

/// <summary>
/// A Linux TUN device (IFF_TUN | IFF_NO_PI | IFF_VNET_HDR) with TSO/USO and checksum offload when the kernel
/// offers them: reads split super-packets into MSS-sized IP packets; writes go out one packet per write with
/// a plain virtio header. <see cref="Closed"/> completes when the interface is deleted (the kernel detaches
/// the file: EBADFD) or the object is disposed.
/// </summary>
public sealed unsafe partial class LinuxTun : ITun
{
    private const int RawSize = VirtioNetHdr.Size + 65535;

    private readonly FdHandle _fd;
    private readonly FdHandle _control = TunIoctl.ControlSocket();
    private readonly Waker _waker = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _raw = GC.AllocateUninitializedArray<byte>(RawSize, pinned: true);
    private readonly byte[] _wbuf = GC.AllocateUninitializedArray<byte>(RawSize, pinned: true);
    private readonly Thread _watcher;
    private readonly Lock _writeLock = new();
    private readonly TcpCoalescer _coalescer;
    private int _rawLen;
    private int _nextSegment;
    private bool _pending;
    private int _mtu;

    private LinuxTun(FdHandle fd, string name, uint offloads)
    {
        _fd = fd;
        Name = name;
        Offloads = offloads;
        _mtu = QueryMtu() ?? 1420;
        _coalescer = new TcpCoalescer(WriteFrame);
        _watcher = new Thread(Watch) { IsBackground = true, Name = "tun-watch " + name };
        _watcher.Start();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The TUN_F_* offload bits the kernel accepted (0 when it refused all of them).</summary>
    public uint Offloads { get; }

    /// <inheritdoc/>
    public int Mtu => Volatile.Read(ref _mtu);

    /// <inheritdoc/>
    public int BatchSize => 128;

    /// <inheritdoc/>
    public Task Closed => _closed.Task;

    /// <summary>Segments and packets dropped because their headers were inconsistent.</summary>
    public long Malformed { get; private set; }

    /// <summary>
    /// Creates (or attaches to) TUN interface <paramref name="name"/> ("wg%d" lets the kernel pick a number).
    /// Throws <see cref="IOException"/> when /dev/net/tun is missing or the caller lacks CAP_NET_ADMIN.
    /// </summary>
    public static LinuxTun Create(string name, int? mtu = null)
    {
        if (!TunName.IsValid(name))
        {
            throw new ArgumentException($"\"{name}\" is not a valid interface name (1-15 bytes, no '/', ':' or spaces)", nameof(name));
        }

        var fd = Native.Open("/dev/net/tun", Native.O_RDWR | Native.O_CLOEXEC | Native.O_NONBLOCK);
        if (fd < 0)
        {
            throw LinuxError.Io("open /dev/net/tun (load the tun module; needs CAP_NET_ADMIN)", Native.Errno);
        }

        var handle = new FdHandle(fd);
        var req = TunIoctl.Named(name);
        *(short*)&req.Value = TunIoctl.IFF_TUN | TunIoctl.IFF_NO_PI | TunIoctl.IFF_VNET_HDR;
        if (Native.Ioctl(fd, TunIoctl.TUNSETIFF, &req) != 0)
        {
            var e = Native.Errno;
            handle.Dispose();
            throw LinuxError.Io($"TUNSETIFF {name} (needs root/CAP_NET_ADMIN; an existing non-TUN link of that name blocks it)", e);
        }

        var offloads = SetOffloads(fd);
        var tun = new LinuxTun(handle, TunIoctl.NameOf(req), offloads);
        if (mtu is { } m)
        {
            tun.SetMtu(m);
        }

        return tun;
    }

    private static uint SetOffloads(int fd)
    {
        uint[] tries =
        [
            TunIoctl.TUN_F_CSUM | TunIoctl.TUN_F_TSO4 | TunIoctl.TUN_F_TSO6 | TunIoctl.TUN_F_USO4 | TunIoctl.TUN_F_USO6,
            TunIoctl.TUN_F_CSUM | TunIoctl.TUN_F_TSO4 | TunIoctl.TUN_F_TSO6,
            TunIoctl.TUN_F_CSUM,
        ];
        foreach (var t in tries)
        {
            if (Native.IoctlInt(fd, TunIoctl.TUNSETOFFLOAD, t) == 0)
            {
                return t;
            }
        }

        return 0;
    }

    /// <summary>Sets the interface MTU (SIOCSIFMTU). Throws <see cref="IOException"/> when the kernel refuses it.</summary>
    public void SetMtu(int mtu)
    {
        var req = TunIoctl.Named(Name);
        req.Value = mtu;
        var e = TunIoctl.OnInterface(_control, TunIoctl.SIOCSIFMTU, ref req);
        if (e != 0)
        {
            throw LinuxError.Io($"setting MTU {mtu} on {Name}", e);
        }

        Volatile.Write(ref _mtu, mtu);
    }

    private int? QueryMtu()
    {
        var req = TunIoctl.Named(Name);
        return TunIoctl.OnInterface(_control, TunIoctl.SIOCGIFMTU, ref req) == 0 ? req.Value : null;
    }

    private bool Detached()
    {
        var req = default(TunIoctl.IfReq);
        return Native.Ioctl(_fd.Fd, TunIoctl.TUNGETIFF, &req) != 0 && Native.Errno is Native.EBADFD or Native.EBADF_;
    }

    private void Watch()
    {
        while (!_waker.Signalled)
        {
            _waker.Wait(-1, 0, 500);
            if (_waker.Signalled)
            {
                break;
            }

            if (Detached())
            {
                MarkClosed();
                break;
            }

            if (QueryMtu() is { } m)
            {
                Volatile.Write(ref _mtu, m);
            }
        }
    }

    private void MarkClosed()
    {
        _waker.Signal();
        _closed.TrySetResult();
    }

    /// <summary>Closes the TUN (the interface disappears unless made persistent) and completes <see cref="Closed"/>.</summary>
    public void Dispose()
    {
        MarkClosed();
        if (_watcher.IsAlive && Thread.CurrentThread != _watcher)
        {
            _watcher.Join(2000);
        }

        lock (_writeLock)
        {
            _fd.Dispose();
        }

        _waker.Dispose();
        _control.Dispose();
    }
}

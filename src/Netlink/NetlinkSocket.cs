using System.Runtime.InteropServices;
using Netlink.Interop;
using Netlink.Wire;

namespace Netlink;

/// <summary>
/// One netlink socket and the request/ack/dump engine: every request gets a fresh sequence number,
/// replies are matched on sequence and port id, multipart dumps are read until NLMSG_DONE, NLMSG_ERROR
/// (with the extended-ack text) becomes an exception, and an interrupted dump (NLM_F_DUMP_INTR) is retried.
/// Thread-safe: requests on one socket are serialized.
/// </summary>
public sealed unsafe partial class NetlinkSocket : IDisposable
{
    /// <summary>How often an interrupted dump is retried before giving up.</summary>
    public const int MaxDumpAttempts = 5;

    private readonly NetlinkSafeHandle _handle;
    private readonly Lock _lock = new();
    private byte[] _buffer = new byte[64 * 1024];
    private uint _seq;

    private NetlinkSocket(NetlinkSafeHandle handle, NetlinkProtocol protocol, string? netns)
    {
        _handle = handle;
        Protocol = protocol;
        Namespace = netns;
        _seq = (uint)Environment.TickCount;
    }

    /// <summary>The netlink protocol of this socket.</summary>
    public NetlinkProtocol Protocol { get; }

    /// <summary>The named network namespace the socket lives in, or null for the caller's namespace.</summary>
    public string? Namespace { get; }

    /// <summary>The port id the kernel assigned (nl_pid).</summary>
    public uint PortId { get; private set; }

    /// <summary>How long to wait for each kernel reply before failing with ETIMEDOUT.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Opens a socket, optionally inside the named namespace (/var/run/netns/NAME), subscribed to the
    /// multicast <paramref name="groups"/> bitmask (monitor sockets only).
    /// </summary>
    public static NetlinkSocket Open(NetlinkProtocol protocol, string? netns = null, uint groups = 0)
    {
        var fd = netns is null ? CreateFd(protocol) : NetNamespace.Run(netns, () => CreateFd(protocol));
        var handle = new NetlinkSafeHandle(fd);
        var socket = new NetlinkSocket(handle, protocol, netns);
        try
        {
            socket.Setup(groups);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request with NLM_F_ACK and waits for the kernel's acknowledgement.</summary>
    public void Execute(NetlinkWriter request, string what) => Transact(request, what, visitor: null, expectAck: true);

    /// <summary>Sends an already encoded request (its sequence number is overwritten) and waits for the ack.</summary>
    public void ExecuteRaw(ReadOnlySpan<byte> message, string what)
    {
        if (message.Length < Nl.HeaderSize)
        {
            throw new ArgumentException("a netlink message is at least 16 bytes", nameof(message));
        }

        var hdr = MemoryMarshal.Read<NlMsgHdr>(message);
        using var w = new NetlinkWriter(hdr.Type, (ushort)(hdr.Flags | Nl.FAck), message.Length);
        w.AppendRaw(message[Nl.HeaderSize..]);
        Execute(w, what);
    }

    /// <summary>Sends a non-dump request with NLM_F_ACK; every reply message before the ack goes to the visitor.</summary>
    public void Query(NetlinkWriter request, string what, MessageVisitor visitor) => Transact(request, what, visitor, expectAck: true);

    /// <summary>
    /// Sends a dump request (NLM_F_DUMP must be set) and parses every reply message; when the kernel flags
    /// the dump as interrupted the partial result is discarded and the dump repeated (bounded).
    /// </summary>
    public List<T> Dump<T>(NetlinkWriter request, string what, Func<NetlinkMessage, T?> parse)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var list = new List<T>();
            var interrupted = Transact(request, what, (in m) =>
            {
                if (parse(m) is { } item)
                {
                    list.Add(item);
                }
            }, expectAck: false);
            if (!interrupted)
            {
                return list;
            }

            if (attempt >= MaxDumpAttempts)
            {
                throw new NetlinkException(Errno.EINTR, $"{what}: the dump was interrupted by concurrent changes {attempt} times in a row; retry later");
            }
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _handle.Dispose();

    private static int CreateFd(NetlinkProtocol protocol)
    {
        var fd = Native.Socket(Native.AfNetlink, Native.SockRaw | Native.SockCloexec, (int)protocol);
        if (fd < 0)
        {
            throw ErrorMapper.FromErrno(Marshal.GetLastPInvokeError(), $"opening a netlink socket ({protocol})");
        }

        return fd;
    }

    private void Setup(uint groups)
    {
        SetOption(Native.SolNetlink, Native.NetlinkExtAck, 1, required: false);
        SetOption(Native.SolNetlink, Native.NetlinkCapAck, 1, required: false);
        SetOption(Native.SolSocket, Native.SoSndbuf, 1 << 20, required: false);
        if (!SetOption(Native.SolSocket, Native.SoRcvbufForce, 4 << 20, required: false))
        {
            SetOption(Native.SolSocket, Native.SoRcvbuf, 4 << 20, required: false);
        }

        var addr = new Native.SockaddrNl { Family = Native.AfNetlink, Groups = groups };
        if (Native.Bind(_handle, &addr, sizeof(Native.SockaddrNl)) != 0)
        {
            throw ErrorMapper.FromErrno(Marshal.GetLastPInvokeError(), "binding the netlink socket");
        }

        var len = sizeof(Native.SockaddrNl);
        if (Native.GetSockName(_handle, &addr, &len) != 0)
        {
            throw ErrorMapper.FromErrno(Marshal.GetLastPInvokeError(), "reading the netlink port id");
        }

        PortId = addr.Pid;
    }

    private bool SetOption(int level, int name, int value, bool required)
    {
        if (Native.SetSockOpt(_handle, level, name, &value, sizeof(int)) == 0)
        {
            return true;
        }

        return required ? throw ErrorMapper.FromErrno(Marshal.GetLastPInvokeError(), $"setsockopt {level}/{name}") : false;
    }
}

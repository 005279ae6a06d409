using System.Runtime.InteropServices;

namespace Netlink.Interop;

/// <summary>The few libc calls the netlink engine needs, as source-generated P/Invoke.</summary>
internal static unsafe partial class Native
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoSndbuf = 7;
    public const int SoRcvbuf = 8;
    public const int SoRcvbufForce = 33;
    public const int SolNetlink = 270;
    public const int NetlinkAddMembership = 1;
    public const int NetlinkCapAck = 10;
    public const int NetlinkExtAck = 11;
    public const int MsgPeek = 0x2;
    public const int MsgTrunc = 0x20;
    public const int MsgDontwait = 0x40;
    public const short PollIn = 0x1;
    public const int ORdonly = 0;
    public const int OCloexec = 0x80000;
    public const int CloneNewNet = 0x40000000;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOBUFS = 105;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(SafeHandle fd, SockaddrNl* addr, int len);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(SafeHandle fd, SockaddrNl* addr, int* len);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(SafeHandle fd, int level, int name, int* value, int len);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(SafeHandle fd, byte* buf, nuint len, int flags, SockaddrNl* addr, int addrLen);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(SafeHandle fd, byte* buf, nuint len, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    /// <summary>struct sockaddr_nl (linux/netlink.h), 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrNl
    {
        public ushort Family;
        public ushort Pad;
        public uint Pid;
        public uint Groups;
    }

    /// <summary>struct pollfd (poll.h), 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

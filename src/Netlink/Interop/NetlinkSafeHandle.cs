using System.Runtime.InteropServices;

namespace Netlink.Interop;

/// <summary>Owns a netlink socket file descriptor and closes it exactly once.</summary>
internal sealed class NetlinkSafeHandle : SafeHandle
{
    public NetlinkSafeHandle(int fd)
        : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => Native.Close((int)handle.ToInt64()) == 0;
}

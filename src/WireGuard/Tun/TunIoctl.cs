using System.Runtime.InteropServices;
using System.Text;
using WireGuard.Linux;

namespace WireGuard.Tun;

/// <summary>The TUN and interface ioctls (struct ifreq is 40 bytes: a 16-byte name then a union).</summary>
internal static unsafe class TunIoctl
{
    public const nuint TUNSETIFF = 0x400454ca;
    public const nuint TUNSETOFFLOAD = 0x400454d0;
    public const nuint TUNGETIFF = 0x800454d2;
    public const nuint SIOCGIFMTU = 0x8921;
    public const nuint SIOCSIFMTU = 0x8922;

    public const short IFF_TUN = 0x0001;
    public const short IFF_NO_PI = 0x1000;
    public const short IFF_VNET_HDR = 0x4000;

    public const uint TUN_F_CSUM = 0x01;
    public const uint TUN_F_TSO4 = 0x02;
    public const uint TUN_F_TSO6 = 0x04;
    public const uint TUN_F_USO4 = 0x20;
    public const uint TUN_F_USO6 = 0x40;

    [StructLayout(LayoutKind.Sequential, Size = 40)]
    public struct IfReq
    {
        public fixed byte Name[16];
        public int Value;
    }

    public static IfReq Named(string name)
    {
        var r = default(IfReq);
        var bytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < bytes.Length && i < 15; i++)
        {
            r.Name[i] = bytes[i];
        }

        return r;
    }

    public static string NameOf(in IfReq r)
    {
        fixed (byte* p = r.Name)
        {
            return Marshal.PtrToStringUTF8((nint)p) ?? string.Empty;
        }
    }

    /// <summary>A datagram socket for interface ioctls, opened in the caller's network namespace.</summary>
    public static FdHandle ControlSocket()
    {
        var s = Native.Socket(Native.AF_INET, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC, 0);
        if (s < 0)
        {
            s = Native.Socket(Native.AF_INET6, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC, 0);
        }

        return s < 0 ? throw LinuxError.Io("socket for interface ioctls", Native.Errno) : new FdHandle(s);
    }

    /// <summary>Runs an interface ioctl (SIOCGIFMTU/SIOCSIFMTU) on the control socket; returns errno (0 = success).</summary>
    public static int OnInterface(FdHandle control, nuint request, ref IfReq req)
    {
        fixed (IfReq* p = &req)
        {
            return Native.Ioctl(control.Fd, request, p) == 0 ? 0 : Native.Errno;
        }
    }
}

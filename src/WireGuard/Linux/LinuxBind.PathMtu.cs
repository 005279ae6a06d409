using WireGuard.Conn;

namespace WireGuard.Linux;

/// <summary>
/// Don't-fragment sending and path MTU of <see cref="LinuxBind"/>: outer datagrams leave with DF (IPv4
/// IP_PMTUDISC_DO, IPv6 IPV6_PMTUDISC_DO + IPV6_DONTFRAG), so the kernel refuses (EMSGSIZE) what exceeds the route's
/// path MTU instead of fragmenting it; the device reads that path MTU with <see cref="PathMtu"/>.
/// </summary>
public sealed unsafe partial class LinuxBind
{
    private long _tooBig;
    private uint _mark;

    /// <summary>True when the kernel accepted the don't-fragment options on the socket.</summary>
    public bool DontFragment { get; private set; }

    /// <inheritdoc/>
    public long TooBig => Interlocked.Read(ref _tooBig);

    private static bool SetDontFragment(int fd, bool v6)
    {
        // on a dual-stack socket the IPv4 option governs the IPv4-mapped destinations
        var ok = Native.SetInt(fd, Native.IPPROTO_IP, Native.IP_MTU_DISCOVER, Native.IP_PMTUDISC_DO) == 0;
        if (v6)
        {
            ok &= Native.SetInt(fd, Native.IPPROTO_IPV6, Native.IPV6_MTU_DISCOVER, Native.IPV6_PMTUDISC_DO) == 0;
            ok &= Native.SetInt(fd, Native.IPPROTO_IPV6, Native.IPV6_DONTFRAG, 1) == 0;
        }

        return ok;
    }

    /// <summary>
    /// The kernel's path MTU toward <paramref name="endpoint"/> (bytes of the outer IP packet: the route's MTU, lowered
    /// by ICMP "fragmentation needed"/"packet too big" the kernel received), read from a throwaway socket connected to
    /// it (with the bind's fwmark, so policy routing picks the same route); 0 when the kernel has no route.
    /// A few syscalls: call it from a timer, not per packet.
    /// </summary>
    public int PathMtu(UdpEndpoint endpoint)
    {
        var v6 = endpoint.IsV6;
        var fd = Native.Socket(v6 ? Native.AF_INET6 : Native.AF_INET, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            return 0;
        }

        using var sock = new FdHandle(fd);
        if (_mark != 0)
        {
            Native.SetInt(fd, Native.SOL_SOCKET, Native.SO_MARK, (int)_mark);
        }

        var addr = stackalloc byte[SockAddr.Size];
        var len = SockAddr.Write(addr, endpoint, v6);
        if (Native.Connect(fd, addr, len) != 0)
        {
            return 0;
        }

        int mtu = 0;
        uint l = sizeof(int);
        var ok = v6
            ? Native.GetSockOpt(fd, Native.IPPROTO_IPV6, Native.IPV6_MTU, &mtu, &l)
            : Native.GetSockOpt(fd, Native.IPPROTO_IP, Native.IP_MTU, &mtu, &l);
        return ok == 0 && mtu > 0 ? mtu : 0;
    }
}

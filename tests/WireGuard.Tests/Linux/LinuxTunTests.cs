using System.Net;
using TestSupport;
using WireGuard.Tun;

namespace WireGuard.Tests.Linux;

public sealed class LinuxTunTests
{
    private static LinuxTun TunIn(NetNs ns, string name, string cidr, string cidr6)
    {
        var tun = InNamespace.Run(ns.Name, () => LinuxTun.Create(name, 1420));
        ns.Ip("addr", "add", cidr, "dev", name);
        ns.Ip("addr", "add", cidr6, "dev", name, "nodad");
        ns.Ip("link", "set", name, "up");
        return tun;
    }

    [Fact]
    public void Tcp_through_two_relayed_tuns_arrives_intact_over_ipv4_and_ipv6()
    {
        Privileged.RequireRoot();
        using var a = NetNs.Create("wgl");
        using var b = NetNs.Create("wgl");
        using var ta = TunIn(a, "tla", "10.77.0.1/24", "fd77::1/64");
        using var tb = TunIn(b, "tlb", "10.77.0.2/24", "fd77::2/64");
        Assert.Equal(1420, ta.Mtu);
        Assert.NotEqual(0u, ta.Offloads);
        using (var relay = new TunRelay(ta, tb))
        {
            TcpCheck.Transfer(b.Name, IPAddress.Parse("10.77.0.2"), a.Name, 4 << 20);
            TcpCheck.Transfer(a.Name, IPAddress.Parse("fd77::1"), b.Name, 4 << 20, 5556);
            Assert.True(relay.Packets > 2 * (4 << 20) / 1420);
            ta.Dispose();
            tb.Dispose();
        }

        Assert.True(ta.Closed.IsCompleted);
        Assert.Equal(0, ta.Malformed);
    }

    [Fact]
    public async Task Deleting_the_interface_completes_closed_and_unblocks_read()
    {
        Privileged.RequireRoot();
        using var a = NetNs.Create("wgl");
        using var t = TunIn(a, "tld", "10.78.0.1/24", "fd78::1/64");
        var ct = TestContext.Current.CancellationToken;
        var reader = Task.Run(
            () =>
            {
                // IPv6 router solicitations may arrive first; the read must end with 0 once the link is gone
                for (var i = 0; i < 1000; i++)
                {
                    if (t.Read([new byte[70000]], new int[1], 16) == 0)
                    {
                        return 0;
                    }
                }

                return -1;
            },
            ct);
        await Task.Delay(100, ct);
        a.Ip("link", "del", "tld");
        await t.Closed.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(0, await reader.WaitAsync(TimeSpan.FromSeconds(5), ct));
    }

    [Fact]
    public void Mtu_can_be_changed_and_is_read_back()
    {
        Privileged.RequireRoot();
        using var a = NetNs.Create("wgl");
        using var t = TunIn(a, "tlm", "10.79.0.1/24", "fd79::1/64");
        InNamespace.Run(a.Name, () => { t.SetMtu(1380); return 0; });
        Assert.Equal(1380, t.Mtu);
        Assert.Contains("mtu 1380", a.Ip("link", "show", "tlm"), StringComparison.Ordinal);
    }
}

using TestSupport;

namespace WireGuard.Tests.Interop;

/// <summary>mesh-wg's process contract: daemonizing, exit on interface deletion or SIGTERM, wg-quick drop-in.</summary>
public sealed class MeshWgProcessTests
{
    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }

    [Fact]
    public void Without_f_it_returns_once_the_interface_and_socket_exist_and_exits_when_the_link_is_deleted()
    {
        Privileged.RequireRoot();
        var prog = WgImplPaths.Require(WgImpl.MeshWg);
        using var ns = NetNs.Create("wgi");
        var name = $"wgi{Environment.ProcessId % 10000}d";
        var sock = $"/var/run/wireguard/{name}.sock";
        try
        {
            var r = ns.Exec(prog, [name], TimeSpan.FromSeconds(30));
            Assert.True(r.ExitCode == 0, $"mesh-wg {name} exited {r.ExitCode}: {r.StdErr}");
            Assert.True(File.Exists(sock), "the socket did not exist when mesh-wg returned");
            Assert.Contains("mtu 1420", ns.Ip("link", "show", name), StringComparison.Ordinal);
            Assert.Single(ns.Pids());

            ns.Ip("link", "del", name);

            Assert.True(WaitUntil(() => ns.Pids().Count == 0, TimeSpan.FromSeconds(10)), "mesh-wg kept running after its interface was deleted");
            Assert.False(File.Exists(sock), "mesh-wg left its socket behind");
        }
        finally
        {
            File.Delete(sock);
        }
    }

    [Fact]
    public void Sigterm_removes_the_socket_and_the_interface()
    {
        Privileged.RequireRoot();
        WgImplPaths.Require(WgImpl.MeshWg);
        using var ns = NetNs.Create("wgi");
        using var node = new WgNode(ns, WgImpl.MeshWg, "10.98.0.1/24");
        node.Start();
        node.Stop();
        Assert.False(File.Exists(node.SocketPath), "the socket is still there after SIGTERM");
        Assert.NotEqual(0, ns.Exec("ip", ["link", "show", node.Interface]).ExitCode);
    }

    [Fact]
    public void Wg_quick_brings_a_mesh_wg_interface_up_and_down()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("wg-quick", "wireguard-go");
        var prog = WgImplPaths.Require(WgImpl.MeshWg);
        using var p = new WgPair(WgImpl.WireGuardGo, WgImpl.WireGuardGo);
        var name = $"wgq{Environment.ProcessId % 10000}";
        var dir = Directory.CreateTempSubdirectory("wgi-quick-").FullName;
        var conf = Path.Combine(dir, name + ".conf");
        var key = WgPairKeys.Private();
        File.WriteAllText(conf, $"""
            [Interface]
            PrivateKey = {key}
            Address = 10.99.0.3/32
            ListenPort = 51822

            [Peer]
            PublicKey = {p.B.PublicKey}
            Endpoint = 192.0.2.2:{WgPair.PortB}
            AllowedIPs = 10.99.0.2/32
            """);
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        p.B.Wg("set", p.B.Interface, "peer", WgPairKeys.Public(key), "allowed-ips", "10.99.0.3/32");
        try
        {
            var up = p.A.Ns.Exec("env", [$"WG_QUICK_USERSPACE_IMPLEMENTATION={prog}", "wg-quick", "up", conf], TimeSpan.FromSeconds(60));
            Assert.True(up.ExitCode == 0, $"wg-quick up failed: {up.StdErr}");
            Assert.True(p.A.Ping("10.99.0.2", source: "10.99.0.3"), "no traffic through the wg-quick interface");
            var down = p.A.Ns.Exec("wg-quick", ["down", conf], TimeSpan.FromSeconds(30));
            Assert.True(down.ExitCode == 0, $"wg-quick down failed: {down.StdErr}");
            Assert.True(WaitUntil(() => !File.Exists($"/var/run/wireguard/{name}.sock"), TimeSpan.FromSeconds(10)), "mesh-wg did not exit after wg-quick down");
        }
        finally
        {
            p.A.Ns.Exec("ip", ["link", "del", name]);
            Directory.Delete(dir, recursive: true);
            File.Delete($"/var/run/wireguard/{name}.sock");
        }
    }

    [Fact]
    public void The_interface_can_move_to_another_namespace_while_the_socket_stays()
    {
        // wireguard-go's tests/netns.sh contract: UDP stays in the namespace that started the daemon
        using var p = new WgPair(WgImpl.MeshWg, WgImpl.WireGuardGo);
        using var inner = NetNs.Create("wgi");
        p.A.Ns.Ip("link", "set", p.A.Interface, "netns", inner.Name);
        inner.Ip("addr", "add", "10.99.0.1/24", "dev", p.A.Interface);
        inner.Ip("link", "set", p.A.Interface, "mtu", "1420", "up");
        p.Peer();

        var ping = inner.Exec("ping", ["-c", "3", "-W", "1", "-i", "0.2", "10.99.0.2"], TimeSpan.FromSeconds(10));
        Assert.True(ping.ExitCode == 0, "no traffic after moving the interface: " + ping.StdOut);
        Assert.Equal("192.0.2.1:51820", WgPair.DumpPeer(p.B, p.A)[2]);

        inner.Ip("link", "del", p.A.Interface);
        Assert.True(WaitUntil(() => !File.Exists(p.A.SocketPath), TimeSpan.FromSeconds(10)), "mesh-wg did not exit when its moved interface was deleted");
    }
}

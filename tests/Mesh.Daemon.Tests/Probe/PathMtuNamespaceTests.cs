using System.Globalization;
using System.Net;
using Mesh.Daemon.Probe;
using TestSupport;

namespace Mesh.Daemon.Tests.Probe;

/// <summary>
/// a ── r ── b in three namespaces, mesh-wg (the userspace engine) on a and b, tunnel MTU 1440 (1500 − 60). Then the r─b
/// link drops to 1400: the engine must not let anything fragment, must answer inner DF packets that no longer fit
/// with ICMP fragmentation-needed (mtu 1340 = 1400 − 60), and the prober must find 1340.
/// </summary>
public sealed class PathMtuNamespaceTests
{
    private static readonly IPAddress PeerB = IPAddress.Parse("10.99.0.2");

    [Fact]
    public void Through_a_1400_byte_hop_nothing_fragments_df_pings_get_frag_needed_and_the_prober_finds_1340()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("wg", "ping", "nft");
        var meshWg = Repo.Path(".build", "mesh-wg", "mesh-wg");
        if (!File.Exists(meshWg))
        {
            var msg = $"{meshWg} is missing: run scripts/setup (or dotnet publish src/MeshWg/MeshWg.csproj -c Release -o .build/mesh-wg)";
            if (Privileged.IsCi)
            {
                Assert.Fail(msg);
            }

            Assert.Skip(msg);
        }

        using var a = NetNs.Create("pmtu");
        using var r = NetNs.Create("pmtu");
        using var b = NetNs.Create("pmtu");
        var wa = $"pmtu{Environment.ProcessId % 10000}a";
        var wb = $"pmtu{Environment.ProcessId % 10000}b";
        var keys = Directory.CreateTempSubdirectory("pmtu-keys-").FullName;
        try
        {
            NetNs.Veth(a, "ua", r, "ra");
            NetNs.Veth(r, "rb", b, "ub");
            a.Ip("addr", "add", "192.0.2.1/24", "dev", "ua");
            r.Ip("addr", "add", "192.0.2.254/24", "dev", "ra");
            r.Ip("addr", "add", "198.51.100.254/24", "dev", "rb");
            b.Ip("addr", "add", "198.51.100.2/24", "dev", "ub");
            a.Ip("route", "add", "default", "via", "192.0.2.254");
            b.Ip("route", "add", "default", "via", "198.51.100.254");
            r.Must("sysctl", "-qw", "net.ipv4.ip_forward=1");
            r.Exec("nft", ["-f", "-"], stdin: """
                table ip pmtu {
                  chain frags {
                    type filter hook forward priority 0;
                    ip frag-off & 0x3fff != 0 counter
                  }
                }
                """).EnsureSuccess("nft in the router namespace");

            var (ka, pa) = Keys(keys, "a");
            var (kb, pb) = Keys(keys, "b");
            StartMeshWg(a, meshWg, wa);
            StartMeshWg(b, meshWg, wb);
            a.Must("wg", "set", wa, "private-key", ka, "listen-port", "51820", "peer", pb, "endpoint", "198.51.100.2:51820", "allowed-ips", "10.99.0.2/32");
            b.Must("wg", "set", wb, "private-key", kb, "listen-port", "51820", "peer", pa, "endpoint", "192.0.2.1:51820", "allowed-ips", "10.99.0.1/32");
            a.Ip("addr", "add", "10.99.0.1/24", "dev", wa);
            a.Ip("link", "set", wa, "mtu", "1440", "up");
            b.Ip("addr", "add", "10.99.0.2/24", "dev", wb);
            b.Ip("link", "set", wb, "mtu", "1440", "up");
            Assert.True(Eventually(() => a.Exec("ping", ["-c", "1", "-W", "1", "10.99.0.2"]).ExitCode == 0), "no traffic through the tunnel");

            // a clean 1500-byte path: a DF packet of the device MTU crosses, and the prober says so with one probe
            // up to 5 attempts: on a loaded CI machine the first 1440-byte DF pings through a fresh pair were seen lost
            // (1 run in ~10 under load, not reproduced by hand; see the session note) — the message keeps every attempt
            var attempts = new List<string>();
            var full = a.Exec("ping", ["-M", "do", "-s", "1412", "-c", "2", "-i", "0.3", "-W", "2", "10.99.0.2"]);
            for (var i = 0; i < 4 && full.ExitCode != 0; i++)
            {
                attempts.Add(full.StdOut + full.StdErr);
                Thread.Sleep(1000);
                full = a.Exec("ping", ["-M", "do", "-s", "1412", "-c", "2", "-i", "0.3", "-W", "2", "10.99.0.2"]);
            }

            Assert.True(full.ExitCode == 0, "DF ping of 1440 failed on a 1500 path: " + full.StdOut + full.StdErr
                + "\nearlier attempts:\n" + string.Join("\n", attempts) + "\nwg show:\n" + a.Exec("wg", ["show", wa]).StdOut
                + "\nsmaller DF ping:\n" + a.Exec("ping", ["-M", "do", "-s", "1300", "-c", "1", "-W", "2", "10.99.0.2"]).StdOut);
            Assert.Equal(1440, Probe(a).Mtu);

            var fragsBefore = FragCreates(a) + FragCreates(r);
            r.Ip("link", "set", "rb", "mtu", "1400");
            b.Ip("link", "set", "ub", "mtu", "1400");

            // an inner DF ping of 1440 now gets frag-needed from the tunnel (the first try is lost at the hop, which
            // teaches a's kernel the outer path MTU; the engine re-reads it and answers the next ones)
            var ping = a.Exec("ping", ["-M", "do", "-s", "1412", "-c", "5", "-i", "0.3", "-W", "1", "10.99.0.2"], TimeSpan.FromSeconds(20));
            var text = ping.StdOut + ping.StdErr;
            Assert.NotEqual(0, ping.ExitCode);
            Assert.Contains("Frag needed and DF set (mtu = 1340)", text, StringComparison.Ordinal);

            var fits = a.Exec("ping", ["-M", "do", "-s", "1312", "-c", "3", "-i", "0.3", "-W", "1", "10.99.0.2"]);
            Assert.True(fits.StdOut.Contains(" 0% packet loss", StringComparison.Ordinal) || fits.ExitCode == 0, "1340 should still cross: " + fits.StdOut);

            var warm = Probe(a);
            Assert.Equal(1340, warm.Mtu);
            Assert.InRange(warm.Probes, 1, PathMtuSearch.MaxProbes);

            // cold: the kernel forgets every learned path MTU; the prober still finds 1340, never 1440
            a.Ip("route", "flush", "cache");
            var cold = Probe(a);
            Assert.Equal(1340, cold.Mtu);
            Assert.InRange(cold.Probes, 1, PathMtuSearch.MaxProbes);

            Assert.Equal(fragsBefore, FragCreates(a) + FragCreates(r));
            var counter = r.Must("nft", "list", "chain", "ip", "pmtu", "frags");
            Assert.Contains("counter packets 0 bytes 0", counter, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete($"/var/run/wireguard/{wa}.sock");
            File.Delete($"/var/run/wireguard/{wb}.sock");
            Directory.Delete(keys, recursive: true);
        }
    }

    private static PathMtuResult Probe(NetNs ns) =>
        InNamespace.Run(ns.Name, () => new PathMtuProber(new IcmpEchoProbe(), TimeProvider.System).Probe("b", PeerB, 1440, null), TimeSpan.FromSeconds(30));

    private static (string File, string Public) Keys(string dir, string name)
    {
        var key = Sh.Must("wg", "genkey").Trim();
        var file = Path.Combine(dir, name);
        File.WriteAllText(file, key + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (file, Sh.Run("wg", ["pubkey"], stdin: key + "\n").EnsureSuccess("wg pubkey").StdOut.Trim());
    }

    private static void StartMeshWg(NetNs ns, string program, string name)
    {
        var p = ns.Start("env", "LOG_LEVEL=error", program, "-f", name);
        Assert.True(Eventually(() => File.Exists($"/var/run/wireguard/{name}.sock") && ns.Exec("ip", ["link", "show", name]).ExitCode == 0 || p.HasExited),
            $"mesh-wg did not create {name}");
        Assert.False(p.HasExited, $"mesh-wg -f {name} exited");
    }

    private static long FragCreates(NetNs ns)
    {
        var lines = ns.Must("cat", "/proc/net/snmp").Split('\n').Where(l => l.StartsWith("Ip:", StringComparison.Ordinal)).ToArray();
        var names = lines[0].Split(' ');
        var values = lines[1].Split(' ');
        return long.Parse(values[Array.IndexOf(names, "FragCreates")], CultureInfo.InvariantCulture);
    }

    private static bool Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return condition();
    }
}

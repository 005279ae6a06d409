using System.Diagnostics;
using System.Globalization;
using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Cli.Lab;

/// <summary>One check's outcome.</summary>
public sealed record LabCheck(int Number, string Name, bool Passed, string Detail, double Seconds);

/// <summary>The lab's checks 1-6 (7, nothing left behind, is `lab down` plus <see cref="LabRunner.Leftovers"/>).</summary>
public sealed class LabChecks
{
    private readonly LabRunner _runner;
    private readonly TextWriter _out;

    /// <summary>Creates the checks.</summary>
    public LabChecks(LabRunner runner, TextWriter output)
    {
        _runner = runner;
        _out = output;
    }

    /// <summary>Runs the checks in order; a failed check does not stop the next ones.</summary>
    public IReadOnlyList<LabCheck> RunAll()
    {
        var results = new List<LabCheck>
        {
            Run(1, "VM roz <-> VM wro: ping and TCP over VXLAN over userspace WireGuard, EVPN routes in FRR", CrossSite),
            Run(2, "VM roz -> internet web server through the exit node with SNAT", Internet),
            Run(3, "path MTU: largest DF ping between the VMs == planned overlay MTU == what meshd probed", PathMtu),
            Run(4, "wro's public address changes + DNS update: traffic resumes within TTL + 3 s", AddressChange),
            Run(5, "third site waw added by a spec edit + one node: all sites reach each other within 60 s", ThirdSite),
            Run(6, "every meshd restarts cleanly; meshctl doctor is green on every node", Restarts),
        };
        return results;
    }

    private LabCheck Run(int n, string name, Func<string> check)
    {
        _out.WriteLine($"check {n}: {name}");
        var sw = Stopwatch.StartNew();
        try
        {
            var detail = check();
            _out.WriteLine($"  PASS ({sw.Elapsed.TotalSeconds:0.0} s): {detail}");
            return new LabCheck(n, name, true, detail, sw.Elapsed.TotalSeconds);
        }
        catch (LabException e)
        {
            _out.WriteLine($"  FAIL ({sw.Elapsed.TotalSeconds:0.0} s): {e.Message}");
            return new LabCheck(n, name, false, e.Message, sw.Elapsed.TotalSeconds);
        }
    }

    private static string CrossSite()
    {
        var roz = LabTopology.Roz;
        var wro = LabTopology.Wro;
        var t = WaitPing(roz, wro.VmIp, TimeSpan.FromSeconds(120));
        WaitPing(wro, roz.VmIp, TimeSpan.FromSeconds(10));
        var server = LabShell.Spawn(wro.VmNs, Path.Combine(LabTopology.StateDir, "iperf3-server.log"), "iperf3", "-s", "-1", "-B", wro.VmIp);
        try
        {
            Thread.Sleep(500);
            var client = LabShell.In(roz.VmNs, "iperf3", ["-c", wro.VmIp, "-n", "8M", "-J"], TimeSpan.FromSeconds(60));
            if (client.ExitCode != 0 || !client.StdOut.Contains("\"bytes\":\t8388608", StringComparison.Ordinal) && !client.StdOut.Contains("\"bytes\": 8388608", StringComparison.Ordinal))
            {
                throw new LabException($"TCP transfer of 8 MiB failed: {client.StdErr.Trim()} {Tail(client.StdOut)}");
            }
        }
        finally
        {
            LabShell.Stop(server, TimeSpan.FromSeconds(2));
        }

        // the type-5 route may trail the type-2 host routes that already carry the first pings
        var deadline = DateTime.UtcNow.AddSeconds(30);
        LabShell.Result routes;
        while (!(routes = LabShell.Run("vtysh", ["-N", roz.FrrPathspace, "-c", "show bgp l2vpn evpn route type prefix"])).StdOut.Contains("[10.2.1.0]", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"FRR on {roz.Node} has no EVPN type-5 route for 10.2.1.0/24 after 30 s: {Tail(routes.StdOut)}");
            }

            Thread.Sleep(500);
        }

        return $"converged after {t:0.0} s; 8 MiB over TCP; EVPN type-5 10.2.1.0/24 in {roz.Node}'s table";
    }

    private static string Internet()
    {
        var roz = LabTopology.Roz;
        var script = $"exec 3<>/dev/tcp/{LabTopology.WebIp}/80 && printf 'GET / HTTP/1.0\\r\\nHost: example.com\\r\\n\\r\\n' >&3 && timeout 5 cat <&3";
        var r = LabShell.In(roz.VmNs, "bash", ["-c", script], TimeSpan.FromSeconds(10));
        if (!r.StdOut.Contains("Example Domain", StringComparison.Ordinal))
        {
            throw new LabException($"no answer from {LabTopology.WebIp}: {r.StdErr.Trim()}");
        }

        var log = File.ReadAllLines(Path.Combine(LabTopology.StateDir, "web.log")).LastOrDefault(l => l.Contains("GET /", StringComparison.Ordinal)) ?? string.Empty;
        if (!log.StartsWith(roz.PublicIp, StringComparison.Ordinal))
        {
            throw new LabException($"the web server saw the request from '{log.Split(' ')[0]}', not from the exit node's {roz.PublicIp} (SNAT missing)");
        }

        return $"HTTP 200 from example.com; the server saw {roz.PublicIp} (SNAT on the exit node)";
    }

    private static string PathMtu()
    {
        var spec = SpecLoader.Load(File.ReadAllText(LabNodes.SpecPath), LabNodes.SpecPath);
        var planned = Planner.Plan(spec.Spec!, LabTopology.Roz.Node).Mtu.OverlayMtu;
        int lo = 1200, hi = 1472;
        if (!DfPing(LabTopology.Roz, LabTopology.Wro.VmIp, lo - 28))
        {
            throw new LabException($"even a {lo}-byte DF ping fails");
        }

        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (DfPing(LabTopology.Roz, LabTopology.Wro.VmIp, mid - 28))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (lo != planned)
        {
            throw new LabException($"largest DF packet {lo} B != planned overlay MTU {planned}");
        }

        // meshd's own probe (don't-fragment pings through the tunnel, in the background) must find the same path
        var probed = ProbedMtu(LabTopology.Roz, LabTopology.Wro.Node, planned, TimeSpan.FromSeconds(40));
        return probed == planned
            ? $"largest DF packet {lo} B == planned overlay MTU {planned} == meshd's probe ({LabTopology.Roz.Node} -> {LabTopology.Wro.Node})"
            : throw new LabException($"meshd on {LabTopology.Roz.Node} probed {probed?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} toward {LabTopology.Wro.Node}, planned {planned}");
    }

    /// <summary>The overlay MTU meshd probed toward <paramref name="peer"/>, waited for until it equals <paramref name="planned"/>
    /// or the limit passes (a search that met a peer still starting is repeated after 15 s).</summary>
    private static int? ProbedMtu(LabSite site, string peer, int planned, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var report = Control.ControlClient.Send(LabNodes.Socket(site), "peers", TimeSpan.FromSeconds(10)).Peers;
            var probed = report?.Peers.FirstOrDefault(p => p.Name == peer)?.ProbedMtu;
            if (probed == planned || DateTime.UtcNow > deadline)
            {
                return probed;
            }

            Thread.Sleep(500);
        }
    }

    private static string AddressChange()
    {
        var roz = LabTopology.Roz;
        var wro = LabTopology.Wro;
        WaitPing(roz, wro.VmIp, TimeSpan.FromSeconds(30));
        var sw = Stopwatch.StartNew();
        LabNetwork.ChangePublicAddress(wro, LabTopology.WroNewIp);
        LabServices.UpdateDns(LabRunner.Records(LabState.Sites(), LabTopology.WroNewIp), 2);
        var t = WaitPing(roz, wro.VmIp, TimeSpan.FromSeconds(60), sw);
        var limit = LabTopology.Ttl + 3;
        return t <= limit
            ? $"traffic resumed {t:0.0} s after the change (limit {limit} s)"
            : throw new LabException($"traffic resumed only after {t:0.0} s (limit TTL {LabTopology.Ttl} + 3 = {limit} s)");
    }

    private string ThirdSite()
    {
        var sw = Stopwatch.StartNew();
        _runner.AddSite(LabTopology.Waw);
        var waw = LabTopology.Waw;
        WaitPing(waw, LabTopology.Roz.VmIp, TimeSpan.FromSeconds(60), sw);
        WaitPing(waw, LabTopology.Wro.VmIp, TimeSpan.FromSeconds(60), sw);
        WaitPing(LabTopology.Roz, waw.VmIp, TimeSpan.FromSeconds(60), sw);
        WaitPing(LabTopology.Wro, waw.VmIp, TimeSpan.FromSeconds(60), sw);
        return sw.Elapsed.TotalSeconds <= 60
            ? $"all three sites reach each other {sw.Elapsed.TotalSeconds:0.0} s after the spec edit"
            : throw new LabException($"convergence took {sw.Elapsed.TotalSeconds:0.0} s (> 60 s)");
    }

    private string Restarts()
    {
        var sites = LabState.Sites();
        foreach (var s in sites)
        {
            var pid = LabState.All()["meshd-" + s.Node];
            LabShell.Stop(pid, TimeSpan.FromSeconds(15));
            if (LabShell.Alive(pid))
            {
                throw new LabException($"meshd {s.Node} did not stop on SIGTERM");
            }

            LabState.Add("meshd-" + s.Node, LabNodes.StartMeshd(s));
        }

        foreach (var a in sites)
        {
            foreach (var b in sites.Where(b => b != a))
            {
                WaitPing(a, b.VmIp, TimeSpan.FromSeconds(60));
            }
        }

        // BGP sessions come back on their connect-retry timer: give the doctor a bounded time to turn green
        var notGreen = new List<string>();
        foreach (var s in sites)
        {
            var deadline = DateTime.UtcNow.AddSeconds(45);
            while (true)
            {
                using var sink = new StringWriter();
                var code = Cli.Run(["doctor", "--socket", LabNodes.Socket(s)], sink, sink, TextReader.Null);
                if (code == 0 || DateTime.UtcNow > deadline)
                {
                    _out.Write(Indent(sink.ToString()));
                    if (code != 0)
                    {
                        notGreen.Add(s.Node);
                    }

                    break;
                }

                Thread.Sleep(1000);
            }
        }

        return notGreen.Count == 0
            ? $"{sites.Count} meshd restarted, traffic back, doctor green everywhere"
            : throw new LabException($"doctor not green on {string.Join(", ", notGreen)}");
    }

    /// <summary>Pings until it answers; returns seconds since <paramref name="since"/> (or since the call).</summary>
    public static double WaitPing(LabSite from, string to, TimeSpan timeout, Stopwatch? since = null)
    {
        since ??= Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (LabShell.In(from.VmNs, "ping", ["-c", "1", "-W", "1", "-q", to], TimeSpan.FromSeconds(3)).ExitCode == 0)
            {
                return since.Elapsed.TotalSeconds;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"VM {from.VmIp} ({from.Site}) cannot reach {to} after {timeout.TotalSeconds:0} s");
            }

            Thread.Sleep(200);
        }
    }

    private static bool DfPing(LabSite from, string to, int payload) =>
        LabShell.In(from.VmNs, "ping", ["-M", "do", "-c", "1", "-W", "1", "-q", "-s", payload.ToString(CultureInfo.InvariantCulture), to], TimeSpan.FromSeconds(3)).ExitCode == 0;

    private static string Tail(string s) => s.Length <= 300 ? s.Trim() : s[^300..].Trim();

    private static string Indent(string s) => string.Join('\n', s.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
}

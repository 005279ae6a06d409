using System.Diagnostics;
using System.Globalization;
using Mesh.Firewall;
using Mesh.Planning;

namespace Mesh.Benchmarks;

/// <summary>
/// CPU time (not wall clock) per operation, for the figures that have a target: on a shared, overloaded machine the
/// wall-clock medians of BenchmarkDotNet include time the thread waited for a core; this reports what the work itself
/// costs (process CPU time, so GC and JIT threads count too). Planner + nftables rules for one node of a NODES mesh
/// (both topologies), the firewall of one native and one Proxmox node of a 500-site mesh, one full handshake, transport seal/open of 1420 bytes. Medians of BATCHES batches after a warm-up of 1.5 s.
/// </summary>
public static class CpuTime
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1.5);

    /// <summary>Sites of the mesh the firewall figures use (issue #8's target: under 10 ms per node at 500 sites).</summary>
    public const int FirewallSites = 500;

    /// <summary>Runs <c>cpu NODES [BATCHES]</c>; one line per operation: <c>what=… cpu_ns=… wall_ns=… bytes=…</c>.</summary>
    public static int Run(int nodes, int batches, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var topology in new[] { GeneratedTopology.FullMesh, GeneratedTopology.RouteReflectors })
        {
            var spec = MeshSpecGenerator.Load(nodes, topology);
            var node = MeshSpecGenerator.MiddleNode(nodes, topology);
            Report(output, $"PlanAndRules/{topology}/{nodes}", 0, batches, 5, () => NftRenderer.Render(Planner.Plan(spec, node).Firewall).Length);
        }

        var firewall = new FirewallBenchmarks { Sites = FirewallSites };
        firewall.Setup();
        Report(output, $"Firewall/NativeNode/{FirewallSites}sites", 0, batches, 20, () => firewall.NativeNode().Length);
        Report(output, $"Firewall/ProxmoxNode/{FirewallSites}sites", 0, batches, 20, () => firewall.ProxmoxNode().Rules.Count);

        var hs = new HandshakeBenchmarks();
        hs.Setup();
        Report(output, "Handshake", 0, batches, 50, () => hs.Handshake().GetHashCode());
        var transport = new TransportBenchmarks { Size = 1420 };
        transport.Setup();
        Report(output, "Seal/1420", 1420, batches, 20_000, transport.Seal);
        Report(output, "Open/1420", 1420, batches, 20_000, () => transport.Open() ? 1 : 0);
        return 0;
    }

    private static void Report(TextWriter output, string what, int bytes, int batches, int perBatch, Func<int> op)
    {
        // warm up for a second at least: with a few dozen calls the JIT has not yet replaced the tier-0 code, and
        // the batches measured unoptimised code (PlanAndRules at 2,000 nodes read 4-5x BenchmarkDotNet's time)
        var sink = 0;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 1_000_000 && (i < Math.Max(3, perBatch / 4) || warm.Elapsed < WarmUp); i++)
        {
            sink += op();
        }

        var cpu = new List<double>();
        var wall = new List<double>();
        using var self = Process.GetCurrentProcess();
        for (var b = 0; b < batches; b++)
        {
            self.Refresh();
            var c0 = self.TotalProcessorTime;
            var w = Stopwatch.StartNew();
            for (var i = 0; i < perBatch; i++)
            {
                sink += op();
            }

            w.Stop();
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - c0).TotalNanoseconds / perBatch);
            wall.Add(w.Elapsed.TotalNanoseconds / perBatch);
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"what={what} cpu_ns={Median(cpu):F0} wall_ns={Median(wall):F0} bytes={bytes} batches={batches}x{perBatch} sink={sink & 1}"));
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
    }
}

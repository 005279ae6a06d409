using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Mesh.Firewall;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Benchmarks;

/// <summary>
/// <c>plan-profile NODES [ROUNDS]</c>: where <see cref="Planner.Plan"/> spends its time and allocations for the middle
/// node of a generated mesh (both topologies): the whole plan, then each part (the private planner steps are
/// reached by reflection, so this tracks their names). Medians of ROUNDS after a warm-up; bytes are the calling
/// thread's allocations. A quick profile, not a benchmark: BenchmarkDotNet's figures are the reference.
/// </summary>
public static class PlanProfile
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;

    /// <summary>Prints one line per part: <c>TOPOLOGY/NODES PART median_us=… bytes=…</c>.</summary>
    public static int Run(int nodes, int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var topology in new[] { GeneratedTopology.FullMesh, GeneratedTopology.RouteReflectors })
        {
            var spec = MeshSpecGenerator.Load(nodes, topology);
            var name = MeshSpecGenerator.MiddleNode(nodes, topology);
            var (site, node) = spec.FindNode(name)!.Value;
            var mtu = MtuCalculator.WireGuardMtu(node);
            var index = typeof(Planner).Assembly.GetType("Mesh.Planning.MeshIndex")?.GetMethod("Of")
                ?? throw new InvalidOperationException("Mesh.Planning.MeshIndex.Of not found; update PlanProfile");
            var mesh = index.Invoke(null, [spec])!;
            var parts = new (string Part, Func<object?> Run)[]
            {
                ("Plan", () => Planner.Plan(spec, name)),
                ("MeshIndex.Of", () => index.Invoke(null, [spec])),
                ("MeshOverlayMtu", () => MtuCalculator.MeshOverlayMtu(spec)),
                ("PlanWireGuard", Step("PlanWireGuard", spec, mesh, site, node, mtu)),
                ("PlanEvpn", Step("PlanEvpn", spec, mesh, site, node)),
                ("FirewallInputsFromSpec.Build", () => FirewallInputsFromSpec.Build(spec, name)),
                ("FirewallInputsFromSpec.Plan", () => FirewallInputsFromSpec.Plan(spec, name)),
            };
            foreach (var (part, run) in parts)
            {
                var (us, bytes) = Measure(run, rounds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{topology}/{nodes} {part,-30} median_us={us,10:F1} bytes={bytes,10}"));
            }
        }

        return 0;
    }

    private static Func<object?> Step(string method, params object[] args)
    {
        var m = typeof(Planner).GetMethod(method, Private)
            ?? throw new InvalidOperationException($"Planner.{method} not found; update PlanProfile");
        return () => m.Invoke(null, args);
    }

    private static (double Us, long Bytes) Measure(Func<object?> run, int rounds)
    {
        for (var i = 0; i < 3; i++)
        {
            run();
        }

        var times = new List<double>(rounds);
        long bytes = 0;
        for (var i = 0; i < rounds; i++)
        {
            var b0 = GC.GetAllocatedBytesForCurrentThread();
            var t = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - b0;
        }

        times.Sort();
        return (times[times.Count / 2], bytes);
    }
}

using System.Globalization;
using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Benchmarks;

/// <summary>Small non-benchmark commands: the MTUs the planner computes for a spec file, and the generated specs.</summary>
public static class Facts
{
    /// <summary>Runs <c>plan-mtu FILE NODE</c>, <c>spec NODES full-mesh|route-reflectors</c> or <c>rules NODES</c> (the firewall
    /// of one node of the generated full mesh) or <c>cpu NODES [BATCHES]</c> (<see cref="CpuTime"/>); false for anything else.</summary>
    public static bool TryRun(string[] args, TextWriter output, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        exitCode = 0;
        switch (args[0])
        {
            case "plan-mtu" when args.Length == 3:
                exitCode = PlanMtu(args[1], args[2], output);
                return true;
            case "spec" when args.Length == 3:
                if (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 2 or > MeshSpecGenerator.MaxNodes)
                {
                    Console.Error.WriteLine($"spec: node count must be 2..{MeshSpecGenerator.MaxNodes}, got '{args[1]}'");
                    exitCode = 2;
                    return true;
                }

                output.Write(MeshSpecGenerator.Yaml(n, args[2] == "route-reflectors" ? GeneratedTopology.RouteReflectors : GeneratedTopology.FullMesh));
                return true;
            case "rules" when args.Length == 2 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var nodes) && nodes is >= 2 and <= MeshSpecGenerator.MaxNodes:
                var (rules, cidrs) = FirewallBenchmarks.RuleCount(nodes);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rules={rules} cidrs={cidrs}"));
                return true;
            case "cpu" when args.Length is 2 or 3 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n2) && n2 is >= 4 and <= MeshSpecGenerator.MaxNodes:
                var batches = args.Length == 3 && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var bt) && bt is > 0 and <= 1000 ? bt : 7;
                exitCode = CpuTime.Run(n2, batches, output);
                return true;
            default:
                return false;
        }
    }

    private static int PlanMtu(string file, string node, TextWriter output)
    {
        var loaded = SpecLoader.Load(File.ReadAllText(file), file);
        foreach (var d in loaded.Diagnostics.Where(d => d.IsError))
        {
            Console.Error.WriteLine(d);
        }

        if (loaded.HasErrors || loaded.Spec is null)
        {
            return 1;
        }

        var plan = Planner.Plan(loaded.Spec, node);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"underlay={plan.Mtu.UnderlayMtu} wg={plan.WireGuard.Mtu} overlay={plan.Mtu.OverlayMtu}"));
        return 0;
    }
}

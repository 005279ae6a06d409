using System.Globalization;
using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Benchmarks;

/// <summary>Small non-benchmark commands: the MTUs the planner computes for a spec file, and the generated specs.</summary>
public static class Facts
{
    /// <summary>Runs <c>plan-mtu FILE NODE</c>, <c>spec N full-mesh|route-reflectors|sites</c> (N nodes, or N sites × 3 nodes × 4 subnets) or <c>rules SITES</c> (the firewall
    /// of the native middle node of the generated mesh of SITES sites × 3 nodes × 4 subnets) or <c>cpu NODES [BATCHES]</c> (<see cref="CpuTime"/>); false for anything else.</summary>
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

                output.Write(args[2] switch
                {
                    "sites" => MeshSpecGenerator.SitesYaml(n),
                    "route-reflectors" => MeshSpecGenerator.Yaml(n, GeneratedTopology.RouteReflectors),
                    _ => MeshSpecGenerator.Yaml(n, GeneratedTopology.FullMesh),
                });
                return true;
            case "rules" when args.Length == 2 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sites) && sites is >= 2 and <= MeshSpecGenerator.MaxSites:
                var (rules, cidrs) = FirewallBenchmarks.RuleCount(sites);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rules={rules} cidrs={cidrs}"));
                return true;
            case "cpu" when args.Length is 2 or 3 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n2) && n2 is >= 4 and <= MeshSpecGenerator.MaxNodes:
                var batches = args.Length == 3 && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var bt) && bt is > 0 and <= 1000 ? bt : 7;
                exitCode = CpuTime.Run(n2, batches, output);
                return true;
            case "plan-profile" when args.Length is 2 or 3 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n3) && n3 is >= 4 and <= MeshSpecGenerator.MaxNodes:
                exitCode = PlanProfile.Run(n3, args.Length == 3 && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 1000 ? r : 21, output);
                return true;
            case "plan-digest" when args.Length is 1 or 2:
                exitCode = PlanDigest.Run(args.Length == 2 ? args[1] : null, output);
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

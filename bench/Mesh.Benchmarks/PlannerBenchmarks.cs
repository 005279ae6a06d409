using BenchmarkDotNet.Attributes;
using Mesh.Firewall;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Benchmarks;

/// <summary>
/// Planner (spec → NodePlan, firewall plan included) for one node of generated meshes of 2 to 2,000 nodes,
/// full mesh and route reflectors; and the target path: plan + nftables ruleset text for one node (target &lt; 50 ms at 2,000 nodes).
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private MeshSpec _spec = null!;
    private string _node = string.Empty;

    /// <summary>Mesh size.</summary>
    [Params(2, 50, 500, 2000)]
    public int Nodes { get; set; }

    /// <summary>Topology.</summary>
    [Params(GeneratedTopology.FullMesh, GeneratedTopology.RouteReflectors)]
    public GeneratedTopology Topology { get; set; }

    /// <summary>Generates and loads the spec (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Nodes < 4 && Topology == GeneratedTopology.RouteReflectors)
        {
            Nodes = 4; // two reflectors plus two VTEPs is the smallest such mesh
        }

        _spec = MeshSpecGenerator.Load(Nodes, Topology);
        _node = MeshSpecGenerator.MiddleNode(Nodes, Topology);
    }

    /// <summary>Planner.Plan for one node.</summary>
    [Benchmark]
    public NodePlan Plan() => Planner.Plan(_spec, _node);

    /// <summary>Plan plus the node's nftables ruleset text (what meshd loads with nft -f).</summary>
    [Benchmark]
    public int PlanAndRules() => NftRenderer.Render(Planner.Plan(_spec, _node).Firewall).Length;
}

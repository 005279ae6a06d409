using BenchmarkDotNet.Attributes;
using Mesh.Firewall;
using Mesh.Model;

namespace Mesh.Benchmarks;

/// <summary>
/// Firewall rule generation for one node (inputs from the spec, generator) and nftables rendering, for meshes of
/// 50 and 2,000 nodes. Rules are site-wide and match CIDR sets, so their number stays small while the sets grow with
/// the mesh: the Rules/s column divides both the rule count and the CIDR count by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RulesConfig))]
public class FirewallBenchmarks
{
    private MeshSpec _spec = null!;
    private string _node = string.Empty;
    private FirewallPlan _plan = null!;

    /// <summary>Mesh size (full mesh).</summary>
    [Params(50, 2000)]
    public int Nodes { get; set; }

    /// <summary>Loads the spec and plans once for the rendering benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _spec = MeshSpecGenerator.Load(Nodes, GeneratedTopology.FullMesh);
        _node = MeshSpecGenerator.MiddleNode(Nodes, GeneratedTopology.FullMesh);
        _plan = FirewallInputsFromSpec.Plan(_spec, _node);
    }

    /// <summary>The node's rules (filter + SNAT) and the CIDRs they match, for a mesh size (the Rules/s column uses them).</summary>
    public static (int Rules, int Cidrs) RuleCount(int nodes)
    {
        var spec = MeshSpecGenerator.Load(nodes, GeneratedTopology.FullMesh);
        var plan = FirewallInputsFromSpec.Plan(spec, MeshSpecGenerator.MiddleNode(nodes, GeneratedTopology.FullMesh));
        var cidrs = plan.Rules.Sum(r => r.Source.Networks.Count + r.Destination.Networks.Count) + plan.Snat.Sum(s => 1 + s.ExceptDestinations.Count);
        return (plan.Rules.Count + plan.Snat.Count, cidrs);
    }

    /// <summary>Spec → firewall inputs → rules.</summary>
    [Benchmark]
    public FirewallPlan Generate() => FirewallInputsFromSpec.Plan(_spec, _node);

    /// <summary>Rules → nftables text.</summary>
    [Benchmark]
    public string RenderNft() => NftRenderer.Render(_plan);
}

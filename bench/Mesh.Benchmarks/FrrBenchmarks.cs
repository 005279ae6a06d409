using BenchmarkDotNet.Attributes;
using Frr;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Benchmarks;

/// <summary>
/// FRR configuration rendering (EvpnConfigBuilder: model → frr.conf text) for a native node of generated meshes:
/// full mesh (one neighbor per other VTEP) and route reflectors, at 50 and 2,000 nodes.
/// </summary>
[MemoryDiagnoser]
public class FrrBenchmarks
{
    private EvpnNodeConfig _config = null!;

    /// <summary>Mesh size.</summary>
    [Params(50, 2000)]
    public int Nodes { get; set; }

    /// <summary>Topology.</summary>
    [Params(GeneratedTopology.FullMesh, GeneratedTopology.RouteReflectors)]
    public GeneratedTopology Topology { get; set; }

    /// <summary>Plans the node and maps its EVPN intent the way meshd and meshctl do (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var spec = MeshSpecGenerator.Load(Nodes, Topology);
        _config = Mesh.Bindings.FrrBinding.ToEvpnNode(Planner.Plan(spec, MeshSpecGenerator.MiddleNode(Nodes, Topology)), "8.4.4");
    }

    /// <summary>EvpnNodeConfig → frr.conf.</summary>
    [Benchmark]
    public string Render() => EvpnConfigBuilder.Render(_config);
}

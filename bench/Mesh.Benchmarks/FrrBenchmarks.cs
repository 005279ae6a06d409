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
        _config = Map(Planner.Plan(spec, MeshSpecGenerator.MiddleNode(Nodes, Topology)));
    }

    /// <summary>EvpnNodeConfig → frr.conf.</summary>
    [Benchmark]
    public string Render() => EvpnConfigBuilder.Render(_config);

    /// <summary>The same mapping as meshctl's FrrFromPlan and meshd's FrrSubsystem (kept in step by hand).</summary>
    private static EvpnNodeConfig Map(NodePlan plan)
    {
        var e = plan.Evpn;
        var zone = e.Vrf.StartsWith("vrf_", StringComparison.Ordinal) ? e.Vrf[4..] : e.Vrf;
        return new EvpnNodeConfig
        {
            Hostname = plan.Node,
            FrrVersion = "8.4.4",
            Asn = e.Asn.Value,
            RouterId = e.RouterId,
            LocalVtep = e.VtepIp,
            Peers = [.. e.Neighbors],
            RouteReflector = e.RouteReflector ? new EvpnRouteReflector([.. e.ListenRanges]) : null,
            Vrfs = plan.Role == NodeRole.RouteReflector ? [] : [new EvpnVrf(zone, e.L3Vni.Value, e.ExitNode, false, e.AdvertiseSubnets && !e.ExitNode)],
            L2Vnis = [.. e.Vnets.Select(v => v.Vni.Value)],
        };
    }
}

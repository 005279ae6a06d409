using BenchmarkDotNet.Attributes;
using Mesh.Firewall;
using Mesh.Model;

namespace Mesh.Benchmarks;

/// <summary>
/// Issue #8's firewall benchmark: rule generation for meshes of 2, 50 and 500 sites of 3 nodes and 4 overlay subnets
/// each (<see cref="MeshSpecGenerator.SitesYaml"/>), per node: spec → rules (<see cref="FirewallInputsFromSpec.Plan"/>)
/// for the exit node of a native site in the middle of the mesh, the nftables and Proxmox renderings, and the whole
/// path for one node of each kind (spec → nft script; spec → PVE security group). Target: under 10 ms per node at
/// 500 sites.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RulesConfig))]
public class FirewallBenchmarks
{
    private MeshSpec _spec = null!;
    private string _native = string.Empty;
    private string _proxmox = string.Empty;
    private FirewallPlan _nativePlan = null!;
    private FirewallPlan _proxmoxPlan = null!;

    /// <summary>Mesh size in sites (3 nodes and 4 subnets each).</summary>
    [Params(2, 50, 500)]
    public int Sites { get; set; }

    /// <summary>Loads the spec and plans once for the rendering benchmarks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _spec = MeshSpecGenerator.LoadSites(Sites);
        _native = MeshSpecGenerator.MiddleSiteNode(Sites, proxmox: false);
        _proxmox = MeshSpecGenerator.MiddleSiteNode(Sites, proxmox: true);
        _nativePlan = FirewallInputsFromSpec.Plan(_spec, _native);
        _proxmoxPlan = FirewallInputsFromSpec.Plan(_spec, _proxmox);
        if (!_proxmoxPlan.IsProxmox || _nativePlan.IsProxmox)
        {
            throw new InvalidOperationException($"generated mesh of {Sites} sites: {_native} should be native and {_proxmox} Proxmox");
        }
    }

    /// <summary>The native node's rules (filter + SNAT) and the CIDRs they match, for a mesh size (the Rules/s column uses them).</summary>
    public static (int Rules, int Cidrs) RuleCount(int sites)
    {
        var spec = MeshSpecGenerator.LoadSites(sites);
        var plan = FirewallInputsFromSpec.Plan(spec, MeshSpecGenerator.MiddleSiteNode(sites, proxmox: false));
        var cidrs = plan.Rules.Sum(r => r.Source.Networks.Count + r.Destination.Networks.Count) + plan.Snat.Sum(s => 1 + s.ExceptDestinations.Count);
        return (plan.Rules.Count + plan.Snat.Count, cidrs);
    }

    /// <summary>Spec → firewall inputs → rules, for the native node.</summary>
    [Benchmark]
    public FirewallPlan Generate() => FirewallInputsFromSpec.Plan(_spec, _native);

    /// <summary>Rules → nftables script (native node).</summary>
    [Benchmark]
    public string RenderNft() => NftRenderer.Render(_nativePlan);

    /// <summary>Rules → Proxmox security group, ipsets and host options (Proxmox node).</summary>
    [Benchmark]
    public ProxmoxFirewall RenderPve() => ProxmoxFirewallRenderer.Render(_proxmoxPlan);

    /// <summary>The whole per-node path of a native node: spec → rules → nftables script.</summary>
    [Benchmark]
    public string NativeNode() => NftRenderer.Render(FirewallInputsFromSpec.Plan(_spec, _native));

    /// <summary>The whole per-node path of a Proxmox node: spec → rules → security group.</summary>
    [Benchmark]
    public ProxmoxFirewall ProxmoxNode() => ProxmoxFirewallRenderer.Render(FirewallInputsFromSpec.Plan(_spec, _proxmox));
}

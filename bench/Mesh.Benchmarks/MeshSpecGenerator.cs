using System.Globalization;
using System.Text;
using Mesh.Model;
using Mesh.Spec;

namespace Mesh.Benchmarks;

/// <summary>Topologies the generated specs use.</summary>
public enum GeneratedTopology
{
    /// <summary>Every node peers with every other node (WireGuard and iBGP).</summary>
    FullMesh,

    /// <summary>WireGuard full mesh, BGP only to two route reflectors (counted in the node total).</summary>
    RouteReflectors,
}

/// <summary>
/// Writes mesh specs of any size as YAML text (4 nodes per site, 1 per site for tiny meshes; every other site a
/// Proxmox cluster, the rest native Debian nodes; the first node of each site is its exit node) and loads them.
/// Site s owns 10.(s/64).((s%64)*4).0/22: nodes at .0.x, the VM subnet at the next /24.
/// </summary>
public static partial class MeshSpecGenerator
{
    /// <summary>Largest node count the address plan allows.</summary>
    public const int MaxNodes = 4 * 64 * 200;

    /// <summary>The YAML of a mesh with <paramref name="nodes"/> nodes.</summary>
    public static string Yaml(int nodes, GeneratedTopology topology)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodes, MaxNodes);
        var reflectors = topology == GeneratedTopology.RouteReflectors ? 2 : 0;
        var vteps = nodes - reflectors;
        ArgumentOutOfRangeException.ThrowIfLessThan(vteps, 2, nameof(nodes));
        var perSite = vteps < 8 ? 1 : 4;
        var sites = (vteps + perSite - 1) / perSite;
        var y = new StringBuilder(256 * nodes);
        y.Append("mesh:\n  name: bench\n  asn: 65000\n");
        y.Append("overlay:\n  controller: evpnctl\n  zone: benchz\n  vrf-vni: 99999\n  vnet:\n    id: benchv\n    vni: 100000\n");
        y.Append("  firewall:\n    allow:\n      - proto: tcp\n        ports: [22, \"8000-8080\"]\n        from: [10.0.1.0/24]\n        to: [10.0.5.0/24]\n        comment: ssh and web between two sites\n");
        if (reflectors > 0)
        {
            y.Append("topology:\n  mode: route-reflectors\n  route-reflectors: [rr1, rr2]\n");
        }

        y.Append("sites:\n");
        var key = 0;
        for (var s = 0; s < sites; s++)
        {
            var a = s / 64;
            var b = s % 64 * 4;
            var proxmox = s % 2 == 1;
            y.Append(Inv($"  s{s}:\n    range: 10.{a}.{b}.0/22\n"));
            if (proxmox)
            {
                y.Append(Inv($"    proxmox:\n      url: https://pve.s{s}.example.net:8006\n      token-file: /etc/meshd/s{s}.token\n"));
            }

            y.Append(Inv($"    exit-nodes: [s{s}n0]\n    subnets:\n      - cidr: 10.{a}.{b + 1}.0/24\n        gateway: 10.{a}.{b + 1}.1\n    nodes:\n"));
            for (var i = 0; i < perSite && s * perSite + i < vteps; i++)
            {
                y.Append(Inv($"      s{s}n{i}:\n        role: {(proxmox ? "proxmox" : "native")}\n        address: 10.{a}.{b}.{i + 1}\n"));
                y.Append(Inv($"        public-key: {PublicKey(key++)}\n        endpoint: s{s}n{i}.example.net:51820\n"));
            }
        }

        if (reflectors > 0)
        {
            y.Append("  vps:\n    range: 10.250.0.0/24\n    nodes:\n");
            for (var r = 1; r <= reflectors; r++)
            {
                y.Append(Inv($"      rr{r}:\n        role: route-reflector\n        dataplane: userspace\n        address: 10.250.0.{r}\n"));
                y.Append(Inv($"        public-key: {PublicKey(key++)}\n        endpoint: 203.0.113.{r}:51820\n"));
            }
        }

        return y.ToString();
    }

    /// <summary>Loads the generated spec; throws with the first diagnostics when it does not validate.</summary>
    public static MeshSpec Load(int nodes, GeneratedTopology topology) => LoadText(Yaml(nodes, topology), $"bench-{nodes}.yaml");

    private static MeshSpec LoadText(string yaml, string name)
    {
        var result = SpecLoader.Load(yaml, name);
        if (result.HasErrors || result.Spec is null)
        {
            throw new InvalidOperationException("generated spec does not validate: " + string.Join("; ", result.Diagnostics.Where(d => d.IsError).Take(5)));
        }

        return result.Spec;
    }

    /// <summary>A node in the middle of the mesh (a native node, so links and FRR are planned too).</summary>
    public static string MiddleNode(int nodes, GeneratedTopology topology)
    {
        var vteps = nodes - (topology == GeneratedTopology.RouteReflectors ? 2 : 0);
        var perSite = vteps < 8 ? 1 : 4;
        var site = vteps / perSite / 2 / 2 * 2; // even site index: native
        return Inv($"s{site}n0");
    }

    private static string PublicKey(int i)
    {
        Span<byte> k = stackalloc byte[32];
        for (var j = 4; j < 32; j++)
        {
            k[j] = (byte)((j * 37) + 1);
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(k, i + 1);

        return Convert.ToBase64String(k);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

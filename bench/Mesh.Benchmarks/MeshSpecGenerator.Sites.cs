using System.Text;
using Mesh.Model;

namespace Mesh.Benchmarks;

/// <summary>
/// The site-shaped meshes of issue #8's firewall benchmark: N sites of 3 nodes and 4 overlay subnets each (every other
/// site a Proxmox cluster, the rest native Debian nodes; node 0 of each site is its exit node; endpoints are DNS
/// names, so the WireGuard port is open to anyone). Site s owns 10.(s/16).((s%16)*16).0/20: nodes at .0.1-3, the
/// subnets at the 2nd, 4th, 6th and 8th /24 (not adjacent, so nftables cannot merge them into fewer intervals).
/// </summary>
public static partial class MeshSpecGenerator
{
    /// <summary>Nodes per site in <see cref="SitesYaml"/>.</summary>
    public const int NodesPerSite = 3;

    /// <summary>Overlay subnets per site in <see cref="SitesYaml"/>.</summary>
    public const int SubnetsPerSite = 4;

    /// <summary>Largest site count the address plan allows.</summary>
    public const int MaxSites = 16 * 256;

    /// <summary>The YAML of a full mesh of <paramref name="sites"/> sites × 3 nodes × 4 subnets.</summary>
    public static string SitesYaml(int sites)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sites, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sites, MaxSites);
        var y = new StringBuilder(1024 * sites);
        y.Append("mesh:\n  name: bench\n  asn: 65000\n");
        y.Append("overlay:\n  controller: evpnctl\n  zone: benchz\n  vrf-vni: 99999\n  vnet:\n    id: benchv\n    vni: 100000\n");
        y.Append("  firewall:\n    allow:\n      - proto: tcp\n        ports: [22, \"8000-8080\"]\n        from: [10.0.1.0/24]\n        to: [10.0.17.0/24]\n        comment: ssh and web between two sites\n");
        y.Append("sites:\n");
        var key = 0;
        for (var s = 0; s < sites; s++)
        {
            var a = s / 16;
            var b = s % 16 * 16;
            var proxmox = s % 2 == 1;
            y.Append(Inv($"  s{s}:\n    range: 10.{a}.{b}.0/20\n"));
            if (proxmox)
            {
                y.Append(Inv($"    proxmox:\n      url: https://pve.s{s}.example.net:8006\n      token-file: /etc/meshd/s{s}.token\n"));
            }

            y.Append(Inv($"    exit-nodes: [s{s}n0]\n    subnets:\n"));
            for (var k = 0; k < SubnetsPerSite; k++)
            {
                var c = b + 1 + (2 * k);
                y.Append(Inv($"      - cidr: 10.{a}.{c}.0/24\n        gateway: 10.{a}.{c}.1\n"));
            }

            y.Append("    nodes:\n");
            for (var i = 0; i < NodesPerSite; i++)
            {
                y.Append(Inv($"      s{s}n{i}:\n        role: {(proxmox ? "proxmox" : "native")}\n        address: 10.{a}.{b}.{i + 1}\n"));
                y.Append(Inv($"        public-key: {PublicKey(key++)}\n        endpoint: s{s}n{i}.example.net:51820\n"));
            }
        }

        return y.ToString();
    }

    /// <summary>Loads <see cref="SitesYaml"/>; throws with the first diagnostics when it does not validate.</summary>
    public static MeshSpec LoadSites(int sites) => LoadText(SitesYaml(sites), $"bench-{sites}-sites.yaml");

    /// <summary>The exit node (node 0) of a site in the middle of a <see cref="SitesYaml"/> mesh: a native site, or a Proxmox one.</summary>
    public static string MiddleSiteNode(int sites, bool proxmox)
    {
        var site = sites / 2 / 2 * 2; // even: native
        if (proxmox)
        {
            site = Math.Min(site + 1, sites - 1);
        }

        return Inv($"s{site}n0");
    }
}

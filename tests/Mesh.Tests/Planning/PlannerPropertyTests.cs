using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Mesh.Model;
using Mesh.Planning;
using Mesh.Tests.Spec;

namespace Mesh.Tests.Planning;

/// <summary>Invariants of the planner over random meshes: valid specs, symmetric peering, every VTEP reachable through WireGuard.</summary>
public sealed class PlannerPropertyTests
{
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    [Fact]
    public void Random_meshes_plan_with_symmetric_peers_unique_allowed_ips_and_reachable_vteps()
    {
        Seeds.Sample(seed =>
        {
            var yaml = RandomMesh(seed, out var mode);
            var spec = PlanFixtures.Valid(yaml);
            var plans = Planner.PlanAll(spec).ToDictionary(p => p.Node);

            foreach (var plan in plans.Values)
            {
                var allowed = plan.WireGuard.Peers.SelectMany(p => p.AllowedIps).ToList();
                Assert.Equal(allowed.Count, allowed.Distinct().Count());
                foreach (var peer in plan.WireGuard.Peers)
                {
                    Assert.Contains(plans[peer.Name].WireGuard.Peers, p => p.Name == plan.Node);
                }

                foreach (var other in plans.Values.Where(o => o.Node != plan.Node))
                {
                    Assert.True(Reaches(plans, plan.Node, other.WireGuard.Address), $"seed {seed} ({mode}): {plan.Node} cannot reach {other.Node} {other.WireGuard.Address}\n{yaml}");
                }

                var rrs = spec.Topology.RouteReflectors;
                if (plan.Role != NodeRole.RouteReflector && rrs.Count > 0)
                {
                    Assert.Equal(rrs.Count, plan.Evpn.Neighbors.Count);
                }
            }
        }, iter: 60);
    }

    /// <summary>Follows WireGuard longest-prefix matches hop by hop (gateways forward) until the destination's owner.</summary>
    private static bool Reaches(Dictionary<string, NodePlan> plans, string from, IPAddress destination)
    {
        var current = from;
        for (var hop = 0; hop < 4; hop++)
        {
            var next = plans[current].WireGuard.Peers
                .SelectMany(p => p.AllowedIps.Where(n => n.Contains(destination)).Select(n => (Peer: p.Name, n.PrefixLength)))
                .OrderByDescending(x => x.PrefixLength)
                .Select(x => x.Peer)
                .FirstOrDefault();
            if (next is null)
            {
                return false;
            }

            if (plans[next].WireGuard.Address.Equals(destination))
            {
                return true;
            }

            current = next;
        }

        return false;
    }

    private static string RandomMesh(int seed, out TopologyMode mode)
    {
        var random = new Random(seed);
        var keys = new HashSet<string>();
        mode = (TopologyMode)random.Next(3);
        var siteCount = random.Next(1, 5);
        var sb = new StringBuilder();
        var rrName = "rr0";
        sb.Append("mesh:\n  name: prop\n  asn: 65000\noverlay:\n  controller: ctl\n  zone: zone1\n  vrf-vni: 5000\n  vnet:\n    id: net1\n    vni: 6000\n");
        sb.Append(CultureInfo.InvariantCulture, $"topology:\n  mode: {Word(mode)}\n");
        if (mode == TopologyMode.RouteReflectors)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  route-reflectors: [{rrName}]\n");
        }

        sb.Append("sites:\n");
        for (var s = 1; s <= siteCount; s++)
        {
            var nodeCount = random.Next(1, 4);
            sb.Append(CultureInfo.InvariantCulture, $"  s{s}:\n    range: 10.{s}.0.0/16\n    exit-nodes: [s{s}n1]\n");
            if (mode == TopologyMode.Gateways)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    gateways: [s{s}n{random.Next(1, nodeCount + 1)}]\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"    subnets:\n      - cidr: 10.{s}.1.0/24\n        gateway: 10.{s}.1.1\n    nodes:\n");
            for (var n = 1; n <= nodeCount; n++)
            {
                var role = random.Next(2) == 0 ? "proxmox" : "native";
                var endpoint = random.Next(4) == 0 && n > 1 ? string.Empty : $"\n        endpoint: n{n}.s{s}.example.net:51820";
                sb.Append(CultureInfo.InvariantCulture, $"      s{s}n{n}:\n        role: {role}\n        address: 10.{s}.0.{n}\n        public-key: {NewKey(random, keys)}{endpoint}\n");
            }

            if (mode == TopologyMode.RouteReflectors && s == 1)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      {rrName}:\n        role: route-reflector\n        address: 10.1.0.200\n        public-key: {NewKey(random, keys)}\n        endpoint: 203.0.113.1:51820\n");
            }
        }

        return sb.ToString();
    }

    private static string NewKey(Random random, HashSet<string> used)
    {
        var bytes = new byte[32];
        string key;
        do
        {
            random.NextBytes(bytes);
            key = Convert.ToBase64String(bytes);
        }
        while (!used.Add(key));

        return key;
    }

    private static string Word(TopologyMode mode) => mode switch
    {
        TopologyMode.Gateways => "gateways",
        TopologyMode.RouteReflectors => "route-reflectors",
        _ => "full-mesh",
    };
}

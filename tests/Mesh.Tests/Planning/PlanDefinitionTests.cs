using System.Globalization;
using System.Net;
using System.Text;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Tests.Planning;

/// <summary>
/// The planner's sorted lists and routes equal their plain definitions (the naive quadratic and
/// <see cref="NetworkOrder"/>-sorted forms the planner computed before it was made linear), over random meshes whose
/// sites mix range sizes, one-node sites (which carry their range) and all three topologies.
/// </summary>
public sealed class PlanDefinitionTests
{
    [Fact]
    public void Routes_allowed_ips_and_neighbors_match_their_definitions()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var yaml = RandomMesh(seed);
            var spec = PlanFixtures.Valid(yaml);
            foreach (var (site, node) in spec.AllNodes)
            {
                var plan = Planner.Plan(spec, node.Name);
                var why = $"seed {seed}, node {node.Name}\n{yaml}";

                foreach (var peer in plan.WireGuard.Peers)
                {
                    Assert.True(peer.AllowedIps.SequenceEqual(peer.AllowedIps.Distinct().Order(NetworkOrder.Networks)), why);
                }

                var outside = plan.WireGuard.Peers.SelectMany(p => p.AllowedIps).Where(n => !site.Range.Contains(n.BaseAddress)).Distinct().ToList();
                var routes = outside.Where(n => !outside.Any(o => o.PrefixLength < n.PrefixLength && o.Contains(n.BaseAddress)));
                Assert.True(plan.WireGuard.Routes.SequenceEqual(routes.Order(NetworkOrder.Networks)), why);

                var vteps = spec.AllNodes.Where(p => p.Node.Role != NodeRole.RouteReflector).Select(p => p.Node.Address).Order(NetworkOrder.Addresses).ToList();
                var rrs = spec.AllNodes.Where(p => spec.Topology.RouteReflectors.Contains(p.Node.Name)).Select(p => p.Node.Address).Order(NetworkOrder.Addresses).ToList();
                var neighbors = (rrs.Count == 0 ? vteps : rrs).Where(a => !a.Equals(node.Address));
                Assert.True(plan.Evpn.Neighbors.SequenceEqual(neighbors), why);
                if (node.Role == NodeRole.RouteReflector)
                {
                    Assert.True(plan.Evpn.RouteReflectorClients.SequenceEqual(vteps), why);
                    Assert.True(plan.Evpn.ListenRanges.SequenceEqual(spec.Sites.Select(s => s.Range).Order(NetworkOrder.Networks)), why);
                }

                if (plan.Sdn is { } sdn)
                {
                    Assert.True(sdn.Controller.Peers.SequenceEqual(rrs.Count == 0 ? vteps : rrs), why);
                }
            }
        }
    }

    /// <summary>Sites with /16, /20 or /24 ranges in shuffled numeric order (so name order and address order differ).</summary>
    private static string RandomMesh(int seed)
    {
        var random = new Random(seed);
        var mode = random.Next(3) switch { 0 => "full-mesh", 1 => "gateways", _ => "route-reflectors" };
        var sb = new StringBuilder();
        sb.Append("mesh:\n  name: prop\n  asn: 65000\noverlay:\n  controller: ctl\n  zone: zone1\n  vrf-vni: 5000\n  vnet:\n    id: net1\n    vni: 6000\n");
        sb.Append(CultureInfo.InvariantCulture, $"topology:\n  mode: {mode}\n");
        if (mode == "route-reflectors")
        {
            sb.Append("  route-reflectors: [rr1, rr2]\n");
        }

        sb.Append("sites:\n");
        var octets = Enumerable.Range(1, 200).OrderBy(_ => random.Next()).Take(random.Next(1, 7)).ToList();
        var key = seed * 1000;
        for (var s = 0; s < octets.Count; s++)
        {
            var o = octets[s];
            var prefix = random.Next(3) switch { 0 => 16, 1 => 20, _ => 24 };
            var nodes = random.Next(1, 5);
            sb.Append(CultureInfo.InvariantCulture, $"  site{s}:\n    range: 10.{o}.0.0/{prefix}\n    exit-nodes: [site{s}n1]\n");
            if (mode == "gateways")
            {
                sb.Append(CultureInfo.InvariantCulture, $"    gateways: [site{s}n{random.Next(1, nodes + 1)}]\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"    subnets:\n      - cidr: 172.{16 + (o % 16)}.{o}.0/24\n        gateway: 172.{16 + (o % 16)}.{o}.1\n    nodes:\n");
            var hosts = Enumerable.Range(2, 248).OrderBy(_ => random.Next()).Take(nodes).ToList();
            for (var n = 1; n <= nodes; n++)
            {
                var role = random.Next(2) == 0 ? "proxmox" : "native";
                sb.Append(CultureInfo.InvariantCulture, $"      site{s}n{n}:\n        role: {role}\n        address: 10.{o}.0.{hosts[n - 1]}\n        public-key: {Key(key++)}\n        endpoint: n{n}.s{s}.example.net:51820\n");
            }

            if (mode == "route-reflectors" && s == 0)
            {
                for (var r = 1; r <= 2; r++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"      rr{r}:\n        role: route-reflector\n        address: 10.{o}.0.{250 + r}\n        public-key: {Key(key++)}\n        endpoint: 203.0.113.{r}:51820\n");
                }
            }
        }

        return sb.ToString();
    }

    private static string Key(int i)
    {
        var bytes = new byte[32];
        BitConverter.TryWriteBytes(bytes, i + 1);
        bytes[31] = 0x42;
        return Convert.ToBase64String(bytes);
    }
}

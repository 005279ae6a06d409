using System.Net;
using CsCheck;
using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

/// <summary>Random meshes: the BGP/VXLAN sources are exactly the site's peers, and plans are deterministic.</summary>
public sealed class FirewallPropertyTests
{
    private sealed record Shape(int[] NodesPerSite, bool[] Static, bool[] Exit, int LocalSite, int LocalNode, int Shift);

    private static readonly Gen<Shape> GenShape =
        from sites in Gen.Int[1, 12]
        from nodes in Gen.Int[1, 4].Array[sites]
        from stat in Gen.Bool.Array[sites * 4]
        from exit in Gen.Bool.Array[sites]
        from local in Gen.Int[0, sites - 1]
        from localNode in Gen.Int[0, 3]
        from shift in Gen.Int[0, sites - 1]
        select new Shape(nodes, stat, exit, local, localNode % nodes[local], shift);

    private static FirewallInputs Build(Shape s)
    {
        var sites = new FirewallSite[s.NodesPerSite.Length];
        for (var i = 0; i < sites.Length; i++)
        {
            var nodes = Enumerable.Range(0, s.NodesPerSite[i]).Select(j => new FirewallNode(
                $"n{i}-{j}",
                IPAddress.Parse($"10.{i + 1}.0.{j + 1}"),
                s.Static[(i * 4) + j] ? IPAddress.Parse($"198.51.{i}.{j + 1}") : null,
                IsExitNode: s.Exit[i] && j == 0)).ToArray();
            sites[i] = new FirewallSite(
                $"site{i}", IPNetwork.Parse($"10.{i + 1}.0.0/16"), FirewallList.Create<FirewallNode>(nodes),
                [new FirewallSubnet(IPNetwork.Parse($"10.{i + 1}.1.0/24"), IPAddress.Parse($"10.{i + 1}.1.1"), true)],
                "vnet", IsProxmox: i % 2 == 0);
        }

        return new FirewallInputs
        {
            MeshName = "prop",
            LocalSite = $"site{s.LocalSite}",
            LocalNode = $"n{s.LocalSite}-{s.LocalNode}",
            WireGuardInterface = "wg0",
            Sites = FirewallList.Create<FirewallSite>(sites),
        };
    }

    private static HashSet<IPAddress> Peers(FirewallInputs inputs)
    {
        var site = inputs.Sites.Single(x => x.Name == inputs.LocalSite);
        return inputs.Sites.SelectMany(x => x.Nodes)
            .Where(n => site.Nodes.Count > 1 || n.Name != inputs.LocalNode)
            .Select(n => n.Vtep).ToHashSet();
    }

    [Fact]
    public void Every_peer_vtep_is_allowed_for_bgp_and_vxlan_and_nothing_else() =>
        GenShape.Sample(shape =>
        {
            var inputs = Build(shape);
            var plan = FirewallGenerator.Generate(inputs);
            var peers = Peers(inputs);
            foreach (var kind in new[] { FirewallRuleKind.Bgp, FirewallRuleKind.Vxlan })
            {
                var rules = plan.Rules.Where(r => r.Kind == kind).ToArray();
                if (peers.Count == 0)
                {
                    Assert.Empty(rules);
                    continue;
                }

                var rule = Assert.Single(rules);
                Assert.Equal("wg0", rule.InInterface);
                Assert.False(rule.Source.IsAny);
                Assert.All(peers, p => Assert.Contains(rule.Source.Networks, n => n.Contains(p)));
                Assert.All(rule.Source.Networks, n => Assert.True(n.PrefixLength == 32 && peers.Contains(n.BaseAddress), $"{n} is not a peer VTEP"));
            }
        }, iter: 300);

    [Fact]
    public void Wireguard_port_is_restricted_exactly_when_every_peer_endpoint_is_static() =>
        GenShape.Sample(shape =>
        {
            var inputs = Build(shape);
            var site = inputs.Sites.Single(x => x.Name == inputs.LocalSite);
            var peers = inputs.Sites.SelectMany(x => x.Nodes).Where(n => site.Nodes.Count > 1 || n.Name != inputs.LocalNode).ToArray();
            var rule = Assert.Single(FirewallGenerator.Generate(inputs).Rules, r => r.Kind == FirewallRuleKind.WireGuard);

            var allStatic = peers.Length > 0 && peers.All(p => p.StaticEndpoint is not null);
            Assert.Equal(!allStatic, rule.Source.IsAny);
            if (allStatic)
            {
                Assert.Equal(peers.Select(p => p.StaticEndpoint!.ToString()).Order(StringComparer.Ordinal),
                    rule.Source.Networks.Select(n => n.BaseAddress.ToString()).Order(StringComparer.Ordinal));
            }
        }, iter: 300);

    [Fact]
    public void Site_order_does_not_change_the_plan() =>
        GenShape.Sample(shape =>
        {
            var inputs = Build(shape);
            var rotated = inputs with { Sites = FirewallList.Create<FirewallSite>([.. inputs.Sites.Skip(shape.Shift), .. inputs.Sites.Take(shape.Shift)]) };

            Assert.Equal(FirewallGenerator.Generate(inputs), FirewallGenerator.Generate(rotated));
            Assert.Equal(NftRenderer.Render(FirewallGenerator.Generate(inputs)), NftRenderer.Render(FirewallGenerator.Generate(rotated)));
        }, iter: 200);

    [Fact]
    public void Group_names_are_always_valid() =>
        Gen.String.Sample(mesh =>
        {
            var name = ProxmoxGroupName.For(mesh);
            Assert.InRange(name.Length, 2, ProxmoxGroupName.MaxLength);
            Assert.Matches("^[A-Za-z][A-Za-z0-9_-]+$", name);
        }, iter: 500);
}

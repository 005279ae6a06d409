using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

public sealed class ProxmoxRenderTests
{
    [Fact]
    public void Roz_group_holds_the_seeds_rules_with_narrower_sources_and_bgp_vxlan_are_cluster_rules_on_the_interface()
    {
        var fw = ProxmoxFirewallRenderer.Render(FirewallGenerator.Generate(SeedMesh.Inputs("roz")));

        Assert.Equal("meshd-seed", fw.GroupName);
        Assert.Equal(
            [
                new ProxmoxRule("in", "ACCEPT", null, null, "udp", "51820", null, "err", "Allow udp 51820 to host wireguard from anywhere (peer endpoints are dynamic)"),
                new ProxmoxRule("forward", "ACCEPT", "10.1.1.0/24,10.2.1.0/24", "+sdn/crossvnt-all", null, null, null, "err", "SDN crossvnt allow cross-site subnets to the vnet"),
                new ProxmoxRule("forward", "ACCEPT", "+sdn/crossvnt-all", "10.1.1.0/24,10.2.1.0/24", null, null, null, "err", "SDN crossvnt allow the vnet to cross-site subnets"),
                new ProxmoxRule("in", "ACCEPT", "+sdn/crossvnt-no-gateway", "+sdn/crossvnt-gateway", null, null, null, "err", "SDN crossvnt allow traffic from no-gateway to gateway"),
                new ProxmoxRule("forward", "ACCEPT", "+sdn/crossvnt-all", "0.0.0.0/0", null, null, null, "err", "SDN crossvnt allow forward traffic to 0.0.0.0/0"),
            ],
            fw.Rules);
        // PVE refuses -i inside a security group: the interface-bound rules sit above the GROUP rule, which has no log
        Assert.Equal(
            [
                new ProxmoxRule("in", "ACCEPT", "10.2.0.1", null, "tcp", "179", "wg0", "err", "Allow EVPN BGP over WireGuard from peer VTEPs"),
                new ProxmoxRule("in", "ACCEPT", "10.2.0.1", null, "udp", "4789", "wg0", "err", "Allow VXLAN over WireGuard from peer VTEPs"),
                new ProxmoxRule("group", "meshd-seed", null, null, null, null, null, null, "meshd: mesh seed"),
            ],
            fw.ClusterRules);
        Assert.Equal(fw.ClusterRules[^1], fw.GroupRule);
        Assert.Empty(fw.UnboundInterfaces);
        Assert.True(fw.NeedsSdnIpSets);
        Assert.Empty(fw.IpSets);
    }

    [Theory]
    [InlineData("wg-mesh")]
    [InlineData("a_name_longer_than_21_chars")]
    public void An_interface_pve_cannot_name_keeps_bgp_vxlan_in_the_group_source_restricted(string iface)
    {
        var fw = ProxmoxFirewallRenderer.Render(FirewallGenerator.Generate(SeedMesh.Inputs("roz") with { WireGuardInterface = iface }));

        Assert.Equal([iface], fw.UnboundInterfaces);
        Assert.Equal("group", Assert.Single(fw.ClusterRules).Type);
        Assert.Equal(
            [("179", "10.2.0.1"), ("4789", "10.2.0.1")],
            fw.Rules.Where(r => r.Dport is "179" or "4789").Select(r => (r.Dport, r.Source)));
    }

    [Theory]
    [InlineData("wg_mesh", true)]
    [InlineData("wg0", true)]
    [InlineData("vmbr0.100", true)]
    [InlineData("wg-mesh", false)]
    [InlineData("w", false)]
    [InlineData("0wg", false)]
    public void Interface_names_as_pve_checks_them(string name, bool valid)
    {
        Assert.Equal(valid, ProxmoxInterfaceName.IsValid(name));
        Assert.True(ProxmoxInterfaceName.IsValid(ProxmoxInterfaceName.Suggest("wg-mesh")));
    }

    [Fact]
    public void No_group_rule_ever_names_an_interface()
    {
        foreach (var iface in new[] { "wg0", "wg-mesh", "wg_mesh" })
        {
            var fw = ProxmoxFirewallRenderer.Render(FirewallGenerator.Generate(SeedMesh.Inputs("wro") with { WireGuardInterface = iface }));
            Assert.All(fw.Rules, r => Assert.Null(r.Iface));
            Assert.All(fw.ClusterRules.Take(fw.ClusterRules.Count - 1), r => Assert.Equal(iface, r.Iface));
            Assert.Null(fw.GroupRule.Log);
        }
    }

    [Fact]
    public void Host_options_name_nftables_on_every_node_and_ebtables_on_the_cluster()
    {
        var fw = ProxmoxFirewallRenderer.Render(FirewallGenerator.Generate(SeedMesh.Inputs("wro")));

        Assert.Equal(
            ["cluster:enable=1", "cluster:ebtables=1", "pve-wro:nftables=1"],
            fw.HostOptions.Select(o => $"{o.Node ?? "cluster"}:{o.Key}={o.Value}"));
    }

    [Theory]
    [InlineData("seed", "meshd-seed")]
    [InlineData("twelve-chars", "meshd-twelve-chars")]
    [InlineData("a mesh/with spaces", "meshd-a-mesh-")]
    public void Group_names_fit_proxmox_limits(string mesh, string expectedPrefix)
    {
        var name = ProxmoxGroupName.For(mesh);

        Assert.StartsWith(expectedPrefix, name, StringComparison.Ordinal);
        Assert.InRange(name.Length, 2, ProxmoxGroupName.MaxLength);
        Assert.Matches("^[A-Za-z][A-Za-z0-9_-]+$", name);
    }

    [Fact]
    public void Long_mesh_names_are_truncated_deterministically_without_colliding()
    {
        var a = ProxmoxGroupName.For("production-europe-west");
        var b = ProxmoxGroupName.For("production-europe-east");

        Assert.Equal(a, ProxmoxGroupName.For("production-europe-west"));
        Assert.NotEqual(a, b);
        Assert.Equal(18, a.Length);
    }

    [Fact]
    public void Address_lists_longer_than_a_rule_field_move_into_an_ipset()
    {
        var sites = Enumerable.Range(1, 60).Select(i => new FirewallSite(
            $"s{i}", System.Net.IPNetwork.Parse($"10.{i}.0.0/16"),
            [new FirewallNode($"n{i}", System.Net.IPAddress.Parse($"10.{i}.0.1"), null, false)], [], null, true)).ToArray();
        var inputs = SeedMesh.Inputs() with { Sites = FirewallList.Create<FirewallSite>(sites), LocalSite = "s1", LocalNode = "n1" };

        var fw = ProxmoxFirewallRenderer.Render(FirewallGenerator.Generate(inputs));

        var bgp = Assert.Single(fw.ClusterRules, r => r.Dport == "179");
        Assert.StartsWith("+meshd-seed-", bgp.Source, StringComparison.Ordinal);
        var set = Assert.Single(fw.IpSets, s => "+" + s.Name == bgp.Source);
        Assert.Equal(59, set.Cidrs.Count);
        Assert.DoesNotContain("10.1.0.1", set.Cidrs);
    }
}

public sealed class ProxmoxDualStackTests
{
    [Fact]
    public void Mixed_family_lists_become_one_rule_per_family()
    {
        var roz = SeedMesh.Roz();
        roz = roz with { Subnets = [.. roz.Subnets, new FirewallSubnet(System.Net.IPNetwork.Parse("fd00:1:1::/64"), null, false)] };
        var wro = SeedMesh.Wro();
        wro = wro with { Nodes = [wro.Nodes[0] with { Vtep = System.Net.IPAddress.Parse("fd00:2::1") }] };
        var ping = new FirewallIntent("ping", FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Icmp, null,
            [], [System.Net.IPNetwork.Parse("10.1.1.0/24"), System.Net.IPNetwork.Parse("fd00:1:1::/64")], []);
        var inputs = SeedMesh.Inputs() with { Sites = [roz, wro], ExtraRules = [ping] };

        var fw = ProxmoxFirewallRenderer.Render(FirewallGenerator.Generate(inputs));

        Assert.All(fw.Rules.Concat(fw.ClusterRules), r => Assert.False((r.Source ?? "").Contains(':', StringComparison.Ordinal) && (r.Source ?? "").Contains('.', StringComparison.Ordinal), r.Source));
        Assert.All(fw.Rules.Concat(fw.ClusterRules), r => Assert.False((r.Dest ?? "").Contains(':', StringComparison.Ordinal) && (r.Dest ?? "").Contains('.', StringComparison.Ordinal), r.Dest));
        Assert.Equal(["fd00:2::1"], fw.ClusterRules.Where(r => r.Dport == "179").Select(r => r.Source));
        Assert.Equal(
            ["10.1.1.0/24,10.2.1.0/24", "fd00:1:1::/64"],
            fw.Rules.Where(r => r.Dest == "+sdn/crossvnt-all").Select(r => r.Source));
        Assert.Equal(
            [("10.1.1.0/24", "icmp"), ("fd00:1:1::/64", "ipv6-icmp")],
            fw.Rules.Where(r => r.Comment == "ping").Select(r => (r.Dest, r.Proto)));
    }
}

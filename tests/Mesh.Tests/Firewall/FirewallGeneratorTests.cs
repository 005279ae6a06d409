using System.Net;
using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

public sealed class FirewallGeneratorTests
{
    private static FirewallRule Rule(FirewallPlan plan, FirewallRuleKind kind) => Assert.Single(plan.Rules, r => r.Kind == kind);

    [Fact]
    public void Roz_allows_bgp_and_vxlan_only_from_the_wro_vtep_on_the_wireguard_interface()
    {
        var plan = FirewallGenerator.Generate(SeedMesh.Inputs());

        foreach (var kind in new[] { FirewallRuleKind.Bgp, FirewallRuleKind.Vxlan })
        {
            var rule = Rule(plan, kind);
            Assert.Equal([IPNetwork.Parse("10.2.0.1/32")], rule.Source.Networks);
            Assert.Equal("wg0", rule.InInterface);
            Assert.Equal(FirewallChain.Input, rule.Chain);
        }

        Assert.Equal(179, Rule(plan, FirewallRuleKind.Bgp).DestinationPorts!.Ranges[0].First);
        Assert.Equal(FirewallProtocol.Udp, Rule(plan, FirewallRuleKind.Vxlan).Protocol);
    }

    [Fact]
    public void Dynamic_endpoints_open_the_wireguard_port_to_anyone()
    {
        var rule = Rule(FirewallGenerator.Generate(SeedMesh.Inputs()), FirewallRuleKind.WireGuard);

        Assert.True(rule.Source.IsAny);
        Assert.Equal("51820", rule.DestinationPorts!.ToProxmox());
    }

    [Fact]
    public void Static_endpoints_restrict_the_wireguard_port_to_the_peers()
    {
        var inputs = SeedMesh.Inputs();
        var wro = SeedMesh.Wro();
        wro = wro with { Nodes = [wro.Nodes[0] with { StaticEndpoint = IPAddress.Parse("198.51.100.7") }] };
        inputs = inputs with { Sites = [SeedMesh.Roz(), wro] };

        var rule = Rule(FirewallGenerator.Generate(inputs), FirewallRuleKind.WireGuard);

        Assert.Equal([IPNetwork.Parse("198.51.100.7/32")], rule.Source.Networks);
    }

    [Fact]
    public void Only_a_site_with_an_exit_node_forwards_to_the_internet()
    {
        Assert.Contains(FirewallGenerator.Generate(SeedMesh.Inputs("roz")).Rules, r => r.Kind == FirewallRuleKind.Exit);
        Assert.DoesNotContain(FirewallGenerator.Generate(SeedMesh.Inputs("wro")).Rules, r => r.Kind == FirewallRuleKind.Exit);
    }

    [Fact]
    public void Snat_is_planned_on_the_exit_node_and_disappears_when_turned_off()
    {
        var on = FirewallGenerator.Generate(SeedMesh.Inputs(snat: true));
        var off = FirewallGenerator.Generate(SeedMesh.Inputs(snat: false));

        var snat = Assert.Single(on.Snat);
        Assert.Equal(IPNetwork.Parse("10.1.1.0/24"), snat.Source);
        Assert.Equal([IPNetwork.Parse("10.1.0.0/16"), IPNetwork.Parse("10.2.0.0/16")], snat.ExceptDestinations);
        Assert.Equal("vmbr0", snat.OutInterface);
        Assert.Empty(off.Snat);
        Assert.Empty(FirewallGenerator.Generate(SeedMesh.Inputs("wro")).Snat);
    }

    [Fact]
    public void Same_inputs_give_equal_plans()
    {
        Assert.Equal(FirewallGenerator.Generate(SeedMesh.Inputs()), FirewallGenerator.Generate(SeedMesh.Inputs()));
        Assert.NotEqual(FirewallGenerator.Generate(SeedMesh.Inputs()), FirewallGenerator.Generate(SeedMesh.Inputs(snat: false)));
    }

    [Fact]
    public void Intent_rules_apply_to_their_sites_in_spec_order()
    {
        var ssh = new FirewallIntent("ssh from the wro test vm", FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Tcp,
            PortSpec.Parse("22"), [IPNetwork.Parse("10.2.1.9/32")], [IPNetwork.Parse("10.1.1.0/24")], ["roz"]);
        var web = new FirewallIntent("web", FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Tcp,
            PortSpec.Parse("443,80"), [], [], []);
        var inputs = SeedMesh.Inputs() with { ExtraRules = [ssh, web] };

        var roz = FirewallGenerator.Generate(inputs).Rules.Where(r => r.Kind == FirewallRuleKind.Intent).ToArray();
        var wro = FirewallGenerator.Generate(inputs with { LocalSite = "wro", LocalNode = "pve-wro" }).Rules.Where(r => r.Kind == FirewallRuleKind.Intent).ToArray();

        Assert.Equal(["ssh from the wro test vm", "web"], roz.Select(r => r.Comment));
        Assert.Equal(["web"], wro.Select(r => r.Comment));
        Assert.Equal("80,443", roz[1].DestinationPorts!.ToProxmox());
    }

    [Fact]
    public void Ports_without_tcp_or_udp_are_refused_with_the_rule_index()
    {
        var bad = new FirewallIntent("bad", FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Any, PortSpec.Parse("22"), [], [], []);

        var ex = Assert.Throws<ArgumentException>(() => FirewallGenerator.Generate(SeedMesh.Inputs() with { ExtraRules = [bad] }));

        Assert.Contains("firewall.rules[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tcp or udp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_local_node_is_refused_naming_the_site()
    {
        var ex = Assert.Throws<ArgumentException>(() => FirewallGenerator.Generate(SeedMesh.Inputs() with { LocalNode = "nope" }));

        Assert.Contains("sites.roz.nodes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_multi_node_site_nodes_of_the_same_site_are_peers_too()
    {
        var roz = SeedMesh.Roz();
        roz = roz with { Nodes = [roz.Nodes[0], new FirewallNode("pve-roz2", IPAddress.Parse("10.1.0.2"), null, false)] };
        var plan = FirewallGenerator.Generate(SeedMesh.Inputs() with { Sites = [roz, SeedMesh.Wro()] });

        Assert.Equal(
            [IPNetwork.Parse("10.1.0.1/32"), IPNetwork.Parse("10.1.0.2/32"), IPNetwork.Parse("10.2.0.1/32")],
            Rule(plan, FirewallRuleKind.Bgp).Source.Networks);
        Assert.Equal(["pve-roz", "pve-roz2"], plan.SiteNodes);
    }
}

using System.Net;
using Mesh.Firewall;
using Mesh.Spec;
using TestSupport;

namespace Mesh.Tests.Firewall;

public sealed class FromSpecTests
{
    private static Model.MeshSpec TwoSites(string extra = "")
    {
        var yaml = File.ReadAllText(Repo.Path("examples", "two-sites.yaml"));
        if (extra.Length > 0)
        {
            yaml = yaml.Replace("  exit-nodes-local-routing: false", "  exit-nodes-local-routing: false\n" + extra, StringComparison.Ordinal);
        }

        var result = SpecLoader.Load(yaml, "two-sites.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    [Fact]
    public void The_two_site_example_maps_onto_the_seeds_rules()
    {
        var inputs = FirewallInputsFromSpec.Build(TwoSites(), "roz1");
        var plan = FirewallGenerator.Generate(inputs);

        Assert.Equal("wg_mesh", inputs.WireGuardInterface);
        Assert.Equal(["roz", "wro"], inputs.Sites.Select(s => s.Name));
        Assert.All(inputs.Sites, s => Assert.True(s.IsProxmox));
        Assert.All(inputs.Sites.SelectMany(s => s.Nodes), n => Assert.Null(n.StaticEndpoint));
        Assert.Equal(
            [FirewallRuleKind.WireGuard, FirewallRuleKind.Bgp, FirewallRuleKind.Vxlan, FirewallRuleKind.OverlayToVnet,
             FirewallRuleKind.VnetToOverlay, FirewallRuleKind.Gateway, FirewallRuleKind.Exit],
            plan.Rules.Select(r => r.Kind));
        Assert.Equal([IPNetwork.Parse("10.2.0.1/32")], plan.Rules[1].Source.Networks);
        Assert.Equal("+sdn/crossvnt-all", plan.Rules[3].Destination.ProxmoxIpSet);
        Assert.Single(plan.Snat);
    }

    [Fact]
    public void Allow_rules_from_the_spec_become_input_or_forward_intents()
    {
        const string firewall = """
              firewall:
                allow:
                  - proto: tcp
                    ports: [22]
                    from: [10.2.1.9/32]
                    to: [10.1.1.0/24]
                    comment: ssh from the wro test vm
                  - proto: udp
                    ports: [53]
                    from: [10.0.0.0/8]
            """;
        var plan = FirewallInputsFromSpec.Plan(TwoSites(firewall), "wro1");

        var intents = plan.Rules.Where(r => r.Kind == FirewallRuleKind.Intent).ToArray();
        Assert.Equal(2, intents.Length);
        Assert.Equal(("ssh from the wro test vm", FirewallChain.Forward, "22"), (intents[0].Comment, intents[0].Chain, intents[0].DestinationPorts!.ToProxmox()));
        Assert.Equal((FirewallChain.Input, FirewallProtocol.Udp, "53"), (intents[1].Chain, intents[1].Protocol, intents[1].DestinationPorts!.ToProxmox()));
    }

    [Fact]
    public void An_unknown_node_is_refused() =>
        Assert.Throws<ArgumentException>(() => FirewallInputsFromSpec.Build(TwoSites(), "nope"));
}

using ProxmoxSdn.Api;
using ProxmoxSdn.Model;
using ProxmoxSdn.Sync;

namespace ProxmoxSdn.Tests;

/// <summary>Pure planning of the datacenter-level rules: ownership, minimal writes, positions, order around the groups.</summary>
public sealed class ClusterRulePlannerTests
{
    internal static readonly FirewallRule GroupRule = new("group", "mesh-sdn") { Comment = "meshd: mesh home" };

    private static readonly Dictionary<string, string> Ssh = Row(("type", "in"), ("action", "ACCEPT"), ("proto", "tcp"), ("dport", "22"), ("comment", "admin ssh"), ("enable", "1"));
    private static readonly Dictionary<string, string> Smtp = Row(("type", "out"), ("action", "DROP"), ("proto", "tcp"), ("dport", "25"), ("enable", "1"));

    [Fact]
    public void Group_rule_is_created_after_the_group_and_its_rules()
    {
        var plan = SdnPlanner.Plan(Seed.Roz() with { ClusterRules = [GroupRule] }, ObservedCluster.Empty("pve1"));

        var writes = plan.FirewallWrites.Select(w => w.Render()).ToList();
        Assert.Equal("POST /cluster/firewall/rules type=group action=mesh-sdn comment=\"[meshd] meshd: mesh home\" enable=1", writes[^1]);
        Assert.Equal(["POST /cluster/firewall/groups", .. Enumerable.Repeat("POST /cluster/firewall/groups/mesh-sdn", 3)],
            plan.FirewallWrites.SkipLast(1).Select(w => $"{w.Method.Verb()} {w.Path}"));
    }

    [Fact]
    public void In_sync_costs_zero_writes_and_foreign_rules_are_never_written()
    {
        var observed = new[] { Ssh, Owned(GroupRule), Smtp };

        Assert.Empty(ClusterRulePlanner.Plan([GroupRule], observed));
        Assert.Equal(["DELETE /cluster/firewall/rules/1"], ClusterRulePlanner.Plan([], observed).Select(w => w.Render()));
    }

    [Fact]
    public void Changed_owned_rule_is_updated_where_the_admin_moved_it_with_only_the_changed_properties()
    {
        var moved = Owned(GroupRule);
        moved["iface"] = "vmbr0";

        var writes = ClusterRulePlanner.Plan([GroupRule with { Action = "mesh-new" }], [Ssh, Smtp, moved]);

        Assert.Equal(["PUT /cluster/firewall/rules/2 action=mesh-new delete=iface"], writes.Select(w => w.Render()));
    }

    [Fact]
    public void Stale_owned_rules_are_deleted_highest_position_first_before_updates_and_creations()
    {
        var stale = Row(("type", "in"), ("action", "ACCEPT"), ("source", "10.9.0.0/16"), ("comment", "[meshd] old spec"), ("enable", "1"));
        var stale2 = Row(("type", "group"), ("action", "mesh-old"), ("comment", "[meshd]"), ("enable", "1"));

        var writes = ClusterRulePlanner.Plan([GroupRule], [Owned(GroupRule), Ssh, stale, Smtp, stale2]);

        Assert.Equal(["DELETE /cluster/firewall/rules/4", "DELETE /cluster/firewall/rules/2"], writes.Select(w => w.Render()));
    }

    [Fact]
    public void Missing_rules_go_on_top_in_the_desired_order_and_the_existing_one_keeps_matching_the_last()
    {
        var first = new FirewallRule("in", "ACCEPT") { Proto = "udp", Dport = "51820", Comment = "wireguard" };
        var second = new FirewallRule("in", "ACCEPT") { Proto = "tcp", Dport = "179", Comment = "bgp" };

        var writes = ClusterRulePlanner.Plan([first, second, GroupRule], [Ssh, Owned(GroupRule)]);

        // PVE inserts at 0: "second" first, then "first" on top of it; the existing group rule stays matched and untouched.
        Assert.Equal(
            ["POST /cluster/firewall/rules type=in action=ACCEPT proto=tcp dport=179 comment=\"[meshd] bgp\" enable=1",
             "POST /cluster/firewall/rules type=in action=ACCEPT proto=udp dport=51820 comment=\"[meshd] wireguard\" enable=1"],
            writes.Select(w => w.Render()));
    }

    [Fact]
    public void Group_rename_creates_the_new_group_then_repoints_the_rule_then_deletes_the_old_group()
    {
        var desired = Seed.Roz() with
        {
            FirewallGroups = [Seed.Roz().FirewallGroups[0] with { Name = "mesh-new" }],
            ClusterRules = [GroupRule with { Action = "mesh-new" }],
        };
        var old = Seed.Roz().FirewallGroups[0];
        var observed = ObservedCluster.Empty("pve1") with
        {
            Groups = [new ObservedGroup("mesh-sdn", "[meshd] cross-site SDN", [.. old.Rules.Select(r => (IReadOnlyDictionary<string, string>)Row(("type", r.Type), ("action", r.Action)))])],
            ClusterRules = new ObservedClusterRules([Ssh, Owned(GroupRule)], "d1"),
        };

        var writes = SdnPlanner.Plan(desired, observed).FirewallWrites.Select(w => $"{w.Method.Verb()} {w.Path}").ToList();

        Assert.Equal(
            ["POST /cluster/firewall/groups", .. Enumerable.Repeat("POST /cluster/firewall/groups/mesh-new", 3),
             "PUT /cluster/firewall/rules/1",
             "DELETE /cluster/firewall/groups/mesh-sdn/2", "DELETE /cluster/firewall/groups/mesh-sdn/1", "DELETE /cluster/firewall/groups/mesh-sdn/0",
             "DELETE /cluster/firewall/groups/mesh-sdn"],
            writes);
    }

    [Fact]
    public void Rendered_plan_shows_that_positional_writes_carry_the_digest()
    {
        var plan = SdnPlanner.Plan(Seed.Roz() with { ClusterRules = [] }, ObservedCluster.Empty("pve1") with
        {
            ClusterRules = new ObservedClusterRules([Owned(GroupRule)], "d1"),
        });

        Assert.Contains("DELETE /cluster/firewall/rules/0 digest=<digest>", plan.Render(new PveVersion(8, 4, "8.4.2")));
    }

    [Theory]
    [InlineData("group", "nope", "clusterRules[0].action: group rule names 'nope', which is not one of the desired security groups (mesh-sdn)")]
    [InlineData("forward", "REJECT", "clusterRules[0].action: PVE cannot define REJECT rules on the forward chain")]
    [InlineData("in", "mesh-sdn", "clusterRules[0].action: 'mesh-sdn' must be ACCEPT, DROP or REJECT")]
    [InlineData("both", "ACCEPT", "clusterRules[0].type: 'both' must be in, out, forward or group")]
    public void Invalid_cluster_rules_are_refused_before_any_write(string type, string action, string message)
    {
        var ex = Assert.Throws<ProxmoxSdnException>(() =>
            SdnPlanner.Plan(Seed.Roz() with { ClusterRules = [new FirewallRule(type, action)] }, ObservedCluster.Empty("pve1")));

        Assert.Equal(SdnErrorKind.InvalidDesiredState, ex.Kind);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_rule_fields_pve_would_drop_on_save_are_refused()
    {
        var ex = Assert.Throws<ProxmoxSdnException>(() => SdnPlanner.Plan(
            Seed.Roz() with { ClusterRules = [GroupRule with { Log = "nolog", Source = "10.0.0.0/8" }] }, ObservedCluster.Empty("pve1")));

        Assert.Contains("clusterRules[0].source: a group rule cannot have source", ex.Message, StringComparison.Ordinal);
        Assert.Contains("clusterRules[0].log: a group rule cannot have log (PVE keeps only action, iface, enable and comment of a group rule)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_in_a_security_group_rule_is_refused_as_pve_does()
    {
        var seed = Seed.Roz();
        var state = seed with { FirewallGroups = [seed.FirewallGroups[0] with { Rules = [new FirewallRule("in", "ACCEPT") { Iface = "wg_mesh" }] }] };

        Assert.Contains("firewallGroups[0].rules[0].iface: PVE refuses an interface (-i) in a security group rule; put the rule into clusterRules instead", state.Validate());
        Assert.Empty((state with { FirewallGroups = seed.FirewallGroups, ClusterRules = [new FirewallRule("in", "ACCEPT") { Iface = "wg_mesh" }] }).Validate());
        Assert.Equal(
            ["clusterRules[0].iface: PVE refuses 'wg-mesh' as an interface name (letters, digits and '_' only, 2-21 characters; e.g. 'wg_mesh')"],
            (state with { FirewallGroups = seed.FirewallGroups, ClusterRules = [new FirewallRule("in", "ACCEPT") { Iface = "wg-mesh" }] }).Validate());
    }

    [Theory]
    [InlineData("wg_mesh", true)]
    [InlineData("vmbr0.100", true)]
    [InlineData("wg-mesh", false)]
    [InlineData("w", false)]
    [InlineData("0wg", false)]
    public void Interface_names_follow_pve_iface(string name, bool valid)
    {
        Assert.Equal(valid, PveNames.IsValidInterface(name));
    }

    [Fact]
    public void A_group_rule_inside_a_security_group_is_refused_as_pve_does()
    {
        var seed = Seed.Roz();
        var state = seed with { FirewallGroups = [seed.FirewallGroups[0] with { Rules = [new FirewallRule("group", "other")] }] };

        var errors = state.Validate();

        Assert.Contains("firewallGroups[0].rules[0].type: 'group' must be in, out or forward (PVE refuses group rules inside a security group)", errors);
    }

    internal static Dictionary<string, string> Owned(FirewallRule r)
    {
        var d = Row(("type", r.Type), ("action", r.Action), ("comment", "[meshd] " + r.Comment), ("enable", r.Enabled ? "1" : "0"));
        foreach (var (k, v) in new[] { ("source", r.Source), ("dest", r.Dest), ("proto", r.Proto), ("dport", r.Dport), ("log", r.Log) })
        {
            if (v is not null)
            {
                d[k] = v;
            }
        }

        return d;
    }

    private static Dictionary<string, string> Row(params (string K, string V)[] props) =>
        props.ToDictionary(p => p.K, p => p.V, StringComparer.Ordinal);
}

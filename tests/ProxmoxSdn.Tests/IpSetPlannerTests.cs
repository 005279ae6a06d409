using ProxmoxSdn.Model;
using ProxmoxSdn.Sync;

namespace ProxmoxSdn.Tests;

/// <summary>Pure ipset planning: ordering around the group writes, minimal entry diffs, ownership, validation.</summary>
public sealed class IpSetPlannerTests
{
    private static readonly FirewallIpSet Peers = new("meshd-x-bgp-src", "bgp peers", ["10.2.0.1", "10.3.0.0/24"]);

    [Fact]
    public void Ipsets_are_created_and_filled_before_the_rules_that_reference_them()
    {
        var plan = SdnPlanner.Plan(State([Peers], Rule("+meshd-x-bgp-src")), Observed([]));

        Assert.Equal(
            ["POST /cluster/firewall/ipset name=meshd-x-bgp-src comment=\"[meshd] bgp peers\"",
             "POST /cluster/firewall/ipset/meshd-x-bgp-src cidr=10.2.0.1",
             "POST /cluster/firewall/ipset/meshd-x-bgp-src cidr=10.3.0.0/24",
             "POST /cluster/firewall/groups group=mesh comment=[meshd]",
             "POST /cluster/firewall/groups/mesh type=in action=ACCEPT source=+meshd-x-bgp-src proto=tcp dport=179 enable=1"],
            plan.FirewallWrites.Select(w => w.Render()));
    }

    [Fact]
    public void Owned_ipset_no_longer_wanted_is_deleted_after_the_rule_that_referenced_it()
    {
        var observed = Observed(
            [new ObservedIpSet("meshd-x-old", "[meshd] old peers", [new("10.9.0.1", false)]), new ObservedIpSet("admins", "hand-made", null)],
            new ObservedGroup("mesh", "[meshd]", [Props(Rule("+meshd-x-old"))]));

        var plan = SdnPlanner.Plan(State([], Rule("10.2.0.1")), observed);

        Assert.Equal(
            ["PUT /cluster/firewall/groups/mesh/0 source=10.2.0.1",
             "DELETE /cluster/firewall/ipset/meshd-x-old force=1"],
            plan.FirewallWrites.Select(w => w.Render()));
    }

    [Fact]
    public void Unchanged_ipset_costs_zero_writes_and_entry_order_does_not_matter()
    {
        var observed = new ObservedIpSet(Peers.Name, "[meshd] bgp peers", [new("10.3.0.0/24", false), new("10.2.0.1", false)]);

        var plan = IpSetPlanner.Plan([Peers], [observed]);

        Assert.Empty(plan.Before);
        Assert.Empty(plan.After);
    }

    [Fact]
    public void Changed_entries_are_added_before_surplus_ones_are_removed_and_an_excluded_wanted_cidr_is_replaced()
    {
        var observed = new ObservedIpSet(Peers.Name, "[meshd] bgp peers", [new("10.3.0.0/24", true), new("10.7.0.1", false)]);

        var plan = IpSetPlanner.Plan([Peers], [observed]);

        Assert.Equal(
            ["DELETE /cluster/firewall/ipset/meshd-x-bgp-src/10.3.0.0%2F24",
             "POST /cluster/firewall/ipset/meshd-x-bgp-src cidr=10.2.0.1",
             "POST /cluster/firewall/ipset/meshd-x-bgp-src cidr=10.3.0.0/24",
             "DELETE /cluster/firewall/ipset/meshd-x-bgp-src/10.7.0.1"],
            plan.Before.Select(w => w.Render()));
    }

    [Fact]
    public void Ipset_named_by_the_spec_without_the_marker_is_taken_over_and_foreign_ones_are_left()
    {
        var plan = IpSetPlanner.Plan([Peers with { Cidrs = ["10.2.0.1"] }],
            [new ObservedIpSet(Peers.Name, "by hand", [new("10.2.0.1", false)]), new ObservedIpSet("admins", null, null)]);

        Assert.Equal(["POST /cluster/firewall/ipset name=meshd-x-bgp-src rename=meshd-x-bgp-src comment=\"[meshd] bgp peers\""], plan.Before.Select(w => w.Render()));
        Assert.Empty(plan.After);
    }

    [Fact]
    public void Invalid_ipsets_are_reported_with_their_path()
    {
        var state = State(
        [
            new FirewallIpSet("x", null, ["10.1.1.7/24", "10.1.0.1/32", "0.0.0.0/0", "10.2.0.1", "10.2.0.1", "peer"]),
            new FirewallIpSet("ok-set", null, []),
            new FirewallIpSet("ok-set", null, []),
            new FirewallIpSet(new string('a', 65), null, []),
        ]);

        var errors = state.Validate();

        Assert.Equal(
            ["ipSets[0].name: 'x' must be 2-64 characters [A-Za-z][A-Za-z0-9-_]+ (PVE ipset name)",
             "ipSets[0].cidrs[0]: '10.1.1.7/24' is not a network in canonical CIDR form (host bits must be zero, e.g. 10.1.0.0/16)",
             "ipSets[0].cidrs[1]: '10.1.0.1/32': write the bare address '10.1.0.1' (PVE stores /32 entries without the prefix)",
             "ipSets[0].cidrs[2]: '0.0.0.0/0': a zero prefix is not allowed in ipset entries (PVE refuses it)",
             "ipSets[0].cidrs[4]: '10.2.0.1' is listed twice (PVE refuses duplicate entries)",
             "ipSets[0].cidrs[5]: 'peer' is not an IP address in canonical form (e.g. 10.1.0.1) or a network (e.g. 10.1.0.0/16)",
             "ipSets[2].name: ipset 'ok-set' is listed twice",
             $"ipSets[3].name: '{new string('a', 65)}' must be 2-64 characters [A-Za-z][A-Za-z0-9-_]+ (PVE ipset name)"],
            errors);
        var ex = Assert.Throws<ProxmoxSdnException>(() => SdnPlanner.Plan(state, Observed([])));
        Assert.Equal(SdnErrorKind.InvalidDesiredState, ex.Kind);
    }

    internal static FirewallRule Rule(string source) => new("in", "ACCEPT") { Source = source, Proto = "tcp", Dport = "179" };

    private static ClusterDesiredState State(FirewallIpSet[] ipsets, params FirewallRule[] rules) =>
        Seed.Roz() with { FirewallGroups = [new FirewallGroup("mesh", null, rules.ToValueList())], IpSets = ipsets.ToValueList() };

    /// <summary>The seed's SDN objects already applied, plus the given ipsets and groups.</summary>
    private static ObservedCluster Observed(ObservedIpSet[] ipsets, params ObservedGroup[] groups)
    {
        var d = Seed.Roz();
        var c = d.Controller;
        var z = d.Zones[0];
        var v = d.Vnets[0];
        var s = d.Subnets[0];
        return new ObservedCluster(
            [Obj(c.Id, ("type", "evpn"), ("asn", "65000"), ("peers", string.Join(',', c.Peers)))],
            [Obj(z.Id, ("type", "evpn"), ("controller", z.Controller), ("vrf-vxlan", "99999"), ("exitnodes", "pve1"), ("mtu", "1370"))],
            [Obj(v.Id, ("zone", v.Zone), ("tag", "100000"), ("alias", v.Alias!))],
            [Obj(s.IdIn(z.Id), ("vnet", v.Id), ("gateway", s.Gateway!), ("snat", "1"))],
            groups,
            ["pve1", "pve2"]) { IpSets = ipsets };
    }

    private static ObservedObject Obj(string id, params (string K, string V)[] props) =>
        new(id, props.ToDictionary(p => p.K, p => p.V, StringComparer.Ordinal), null);

    private static Dictionary<string, string> Props(FirewallRule r)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal) { ["type"] = r.Type, ["action"] = r.Action, ["enable"] = "1" };
        foreach (var (k, v) in new[] { ("source", r.Source), ("proto", r.Proto), ("dport", r.Dport) })
        {
            if (v is not null)
            {
                d[k] = v;
            }
        }

        return d;
    }
}

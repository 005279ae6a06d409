using ProxmoxSdn.Api;
using ProxmoxSdn.Model;
using ProxmoxSdn.Sync;

namespace ProxmoxSdn.Tests;

/// <summary>Pure planner tests: no server, milliseconds.</summary>
public sealed class PlannerTests
{
    private static readonly FirewallRule A = new("in", "ACCEPT") { Proto = "tcp", Dport = "22" };
    private static readonly FirewallRule B = new("in", "ACCEPT") { Proto = "udp", Dport = "4789" };
    private static readonly FirewallRule C = new("forward", "ACCEPT") { Source = "+sdn/crossvnt-all" };

    [Fact]
    public void Missing_rules_are_created_top_down_in_reverse_because_pve_inserts_at_position_0()
    {
        var writes = FirewallPlanner.Plan([Group(A, B, C)], [Observed(C)]);

        Assert.Equal(
            ["POST /cluster/firewall/groups/mesh type=in action=ACCEPT proto=udp dport=4789 enable=1",
             "POST /cluster/firewall/groups/mesh type=in action=ACCEPT proto=tcp dport=22 enable=1"],
            writes.Select(w => w.Render()));
    }

    [Fact]
    public void Changed_rule_is_updated_in_place_with_a_delete_list_and_surplus_rules_are_deleted_from_the_bottom()
    {
        var old = A with { Dport = "2222", Comment = "old" };
        var writes = FirewallPlanner.Plan([Group(A)], [Observed(old, B, C)]);

        Assert.Equal(
            ["PUT /cluster/firewall/groups/mesh/0 dport=22 delete=comment",
             "DELETE /cluster/firewall/groups/mesh/2",
             "DELETE /cluster/firewall/groups/mesh/1"],
            writes.Select(w => w.Render()));
    }

    [Fact]
    public void Owned_group_no_longer_desired_is_emptied_and_deleted_but_foreign_groups_are_left()
    {
        var writes = FirewallPlanner.Plan([], [Observed(A, B) with { Name = "old" }, new ObservedGroup("admin", "hand-made", null)]);

        Assert.Equal(
            ["DELETE /cluster/firewall/groups/old/1", "DELETE /cluster/firewall/groups/old/0", "DELETE /cluster/firewall/groups/old"],
            writes.Select(w => w.Render()));
    }

    [Fact]
    public void Group_named_by_the_spec_without_marker_gets_the_marker_via_rename_to_itself()
    {
        var writes = FirewallPlanner.Plan([Group()], [new ObservedGroup("mesh", "hand-made", [])]);

        Assert.Equal(["POST /cluster/firewall/groups group=mesh rename=mesh comment=\"[meshd] test\""], writes.Select(w => w.Render()));
    }

    [Fact]
    public void Optional_property_removed_from_the_spec_goes_to_the_delete_list_and_absent_false_flags_are_equal()
    {
        var zone = new SdnZone("crossite", "evpnctl", 99999) { Mtu = null };
        var current = Obj("crossite", ("controller", "evpnctl"), ("vrf-vxlan", "99999"), ("advertise-subnets", "1"), ("mtu", "1370"), ("ipam", "pve"), ("nodes", "pve1"));

        var update = ObjectDiff.Update("/cluster/sdn/zones/crossite", SdnProperties.Of(zone), current);

        Assert.Equal("PUT /cluster/sdn/zones/crossite delete=mtu", update!.Render());
    }

    [Fact]
    public void List_properties_compare_as_sets()
    {
        var ctl = new SdnController("evpnctl", 65000, ["10.2.0.1", "10.1.0.1"]);
        Assert.Null(ObjectDiff.Update("/x", SdnProperties.Of(ctl), Obj("evpnctl", ("asn", "65000"), ("peers", "10.1.0.1, 10.2.0.1"))));
    }

    [Fact]
    public void Invalid_desired_state_reports_every_error_with_its_path()
    {
        var bad = Seed.Roz() with
        {
            Zones = [new SdnZone("crosssite1", "other", 0)],
            FirewallGroups = [new FirewallGroup("mesh-sdn-crossite-x", null, [])],
        };

        var ex = Assert.Throws<ProxmoxSdnException>(() => SdnPlanner.Plan(bad, Empty()));

        Assert.Equal(SdnErrorKind.InvalidDesiredState, ex.Kind);
        Assert.Contains("zones[0].id: 'crosssite1' must be 2-8 characters", ex.Message, StringComparison.Ordinal);
        Assert.Contains("zones[0].controller: 'other'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("zones[0].vrfVxlan: 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("vnets[0].zone: zone 'crossite' is not in the desired zones", ex.Message, StringComparison.Ordinal);
        Assert.Contains("firewallGroups[0].name: 'mesh-sdn-crossite-x' must be 2-18 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Own_pending_change_needs_an_apply_without_writes()
    {
        var observed = Empty() with
        {
            Controllers = [Obj("evpnctl", "new", ("type", "evpn"), ("asn", "65000"), ("peers", "10.1.0.1,10.2.0.1"))],
        };
        var roz = Seed.Roz() with { Zones = [], Vnets = [], Subnets = [], FirewallGroups = [] };

        var plan = SdnPlanner.Plan(roz, observed);

        Assert.Empty(plan.SdnWrites);
        Assert.True(plan.ApplyNeeded);
        Assert.Equal(["controller evpnctl: new"], plan.PendingOwned);
        Assert.Equal(["POST /cluster/sdn/lock allow-pending=1", "PUT /cluster/sdn lock-token=<token> release-lock=1"], plan.Render(new PveVersion(9, 1, "9.1.3")));
        Assert.Equal(["PUT /cluster/sdn"], plan.Render(new PveVersion(8, 4, "8.4.2")));
    }

    [Fact]
    public void Seed_site_on_an_empty_pve9_cluster_renders_the_seed_objects_in_order()
    {
        var plan = SdnPlanner.Plan(Seed.Roz(), ObservedCluster.Empty("pve1"));

        Assert.Equal(
        [
            "POST /cluster/sdn/lock",
            "POST /cluster/sdn/controllers controller=evpnctl type=evpn asn=65000 peers=10.1.0.1,10.2.0.1 lock-token=<token>",
            "POST /cluster/sdn/zones zone=crossite type=evpn controller=evpnctl vrf-vxlan=99999 exitnodes=pve1 exitnodes-local-routing=0 advertise-subnets=1 disable-arp-nd-suppression=0 mtu=1370 ipam=pve lock-token=<token>",
            "POST /cluster/sdn/vnets vnet=crossvnt zone=crossite tag=100000 alias=\"Cross-site EVPN network - Rozalin subnet\" lock-token=<token>",
            "POST /cluster/sdn/vnets/crossvnt/subnets subnet=10.1.1.0/24 type=subnet gateway=10.1.1.1 snat=1 lock-token=<token>",
            "PUT /cluster/sdn lock-token=<token> release-lock=1",
            "POST /cluster/firewall/groups group=mesh-sdn comment=\"[meshd] cross-site SDN\"",
            "POST /cluster/firewall/groups/mesh-sdn type=in action=ACCEPT source=10.2.0.0/16 proto=tcp dport=179 comment=\"BGP from wro\" enable=1",
            "POST /cluster/firewall/groups/mesh-sdn type=in action=ACCEPT source=10.2.0.0/16 proto=udp dport=4789 comment=\"VXLAN from wro\" enable=1",
            "POST /cluster/firewall/groups/mesh-sdn type=forward action=ACCEPT source=+sdn/crossvnt-all comment=\"overlay to overlay\" enable=1",
        ],
            plan.Render(new PveVersion(9, 1, "9.1.3")));
    }

    [Fact]
    public void Lock_file_is_private()
    {
        var dir = Directory.CreateTempSubdirectory("pvesdn-lock-").FullName;
        try
        {
            var file = new SdnLockFile(dir, "roz/1");
            file.Write("0190-token");

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
            Assert.Equal("0190-token", file.Read());
            Assert.Equal("sdn-lock-roz_1.token", Path.GetFileName(file.Path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static FirewallGroup Group(params FirewallRule[] rules) => new("mesh", "test", rules.ToValueList());

    private static ObservedGroup Observed(params FirewallRule[] rules) =>
        new("mesh", "[meshd] test", rules.Select(r => (IReadOnlyDictionary<string, string>)SdnProperties.Of(r)
            .Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!)).ToList());

    private static ObservedObject Obj(string id, params (string Key, string Value)[] props) => Obj(id, null, props);

    private static ObservedObject Obj(string id, string? state, params (string Key, string Value)[] props) =>
        new(id, props.ToDictionary(p => p.Key, p => p.Value), state);

    private static ObservedCluster Empty() => ObservedCluster.Empty("pve1");
}

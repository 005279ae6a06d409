using ProxmoxSdn.Model;

namespace ProxmoxSdn.Tests;

public sealed class ReconcileTests
{
    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Fresh_cluster_converges_in_one_reconcile(string schema)
    {
        await using var h = Harness.Start(schema);
        var result = await h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken);

        var writes = h.Server.Writes.Select(w => $"{w.Method} {w.Path}").ToList();
        var expected = new List<string>
        {
            "POST /cluster/sdn/controllers", "POST /cluster/sdn/zones", "POST /cluster/sdn/vnets",
            "POST /cluster/sdn/vnets/crossvnt/subnets", "PUT /cluster/sdn",
            "POST /cluster/firewall/groups", "POST /cluster/firewall/groups/mesh-sdn",
            "POST /cluster/firewall/groups/mesh-sdn", "POST /cluster/firewall/groups/mesh-sdn",
        };
        if (h.State.HasLock)
        {
            expected.Insert(0, "POST /cluster/sdn/lock");
        }

        Assert.Equal(expected, writes);
        Assert.All(h.Server.Log, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, h.State.ApplyCount);
        Assert.Null(h.State.LockToken);
        Assert.False(h.State.HasPendingChanges());
        Assert.Empty(Directory.GetFiles(h.StateDir));
        Assert.Equal(2, result.ZoneStatus.Count);
        Assert.Empty(result.NotAvailable);

        var zone = h.State.Running["zones"].Ids["crossite"];
        Assert.Equal("0", zone["exitnodes-local-routing"]);
        Assert.Equal("1370", zone["mtu"]);
        Assert.Equal("10.1.0.1,10.2.0.1", h.State.Running["controllers"].Ids["evpnctl"]["peers"]);
        Assert.Equal("1", h.State.Running["subnets"].Ids["crossite-10.1.1.0-24"]["snat"]);
        var rules = h.State.Groups["mesh-sdn"].Rules;
        Assert.Equal(["+sdn/crossvnt-all", "10.2.0.0/16", "10.2.0.0/16"], rules.Select(r => r["source"]));
        Assert.All(rules, r => Assert.Equal("1", r["enable"]));
        if (h.State.HasLock)
        {
            var token = Assert.Single(h.State.IssuedTokens);
            Assert.All(h.Server.Log.Where(r => r.Path.StartsWith("/cluster/sdn/", StringComparison.Ordinal) && r.IsWrite && r.Path != "/cluster/sdn/lock"),
                r => Assert.Equal(token, r.Params["lock-token"]));
        }
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Second_reconcile_makes_zero_writes_and_no_apply(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);
        var mark = h.Server.Log.Count;

        var second = await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);

        Assert.Empty(h.WritesSince(mark));
        Assert.True(second.Plan.IsEmpty);
        Assert.Null(second.ApplyTask);
        Assert.Equal(1, h.State.ApplyCount);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Peer_added_in_another_site_changes_only_the_controller_peers(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);
        var mark = h.Server.Log.Count;

        await h.Reconciler.ReconcileAsync(Seed.Roz(peers: ["10.2.0.1", "10.1.0.1", "10.3.0.1"]), ct);

        var writes = h.WritesSince(mark).Where(w => !w.Path.StartsWith("/cluster/sdn/lock", StringComparison.Ordinal)).ToList();
        Assert.Equal(["PUT /cluster/sdn/controllers/evpnctl", "PUT /cluster/sdn"], writes.Select(w => $"{w.Method} {w.Path}"));
        Assert.Equal("10.1.0.1,10.2.0.1,10.3.0.1", writes[0].Params["peers"]);
        Assert.Equal(2, h.State.ApplyCount);
        Assert.Null(h.State.LockToken);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Spec_removing_a_subnet_deletes_only_that_subnet(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        SdnSubnet[] two = [new("crossvnt", "10.1.1.0/24", "10.1.1.1", true), new("crossvnt", "10.1.2.0/24", "10.1.2.1", false)];
        await h.Reconciler.ReconcileAsync(Seed.Roz(subnets: two), ct);
        Assert.Equal(2, h.State.Running["subnets"].Ids.Count);
        var mark = h.Server.Log.Count;

        await h.Reconciler.ReconcileAsync(Seed.Roz(subnets: [two[0]]), ct);

        var writes = h.WritesSince(mark).Where(w => !w.Path.StartsWith("/cluster/sdn/lock", StringComparison.Ordinal)).Select(w => $"{w.Method} {w.Path}");
        Assert.Equal(["DELETE /cluster/sdn/vnets/crossvnt/subnets/crossite-10.1.2.0-24", "PUT /cluster/sdn"], writes);
        Assert.Equal(["crossite-10.1.1.0-24"], h.State.Running["subnets"].Ids.Keys);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Foreign_zone_vnet_and_group_are_never_touched(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        h.State.Running["zones"].Ids["lab"] = new(StringComparer.Ordinal) { ["type"] = "simple", ["ipam"] = "pve" };
        h.State.Running["vnets"].Ids["labnet"] = new(StringComparer.Ordinal) { ["type"] = "vnet", ["zone"] = "lab" };
        h.State.Config["zones"] = h.State.Running["zones"].Clone();
        h.State.Config["vnets"] = h.State.Running["vnets"].Clone();
        h.State.Groups["admin"] = ("hand-made", [new(StringComparer.Ordinal) { ["type"] = "in", ["action"] = "ACCEPT", ["enable"] = "1" }]);

        await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);
        await h.Reconciler.ReconcileAsync(Seed.Roz() with { FirewallGroups = [] }, ct);

        Assert.DoesNotContain(h.Server.Writes, w => w.Path.Contains("/lab", StringComparison.Ordinal) || w.Path.Contains("admin", StringComparison.Ordinal));
        Assert.True(h.State.Running["zones"].Ids.ContainsKey("lab"));
        Assert.True(h.State.Running["vnets"].Ids.ContainsKey("labnet"));
        Assert.Single(h.State.Groups["admin"].Rules);
        Assert.False(h.State.Groups.ContainsKey("mesh-sdn"));
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task A_node_that_stays_pending_is_reported(string schema)
    {
        await using var h = Harness.Start(schema, "pve1", "pve2", "pve3");
        h.State.StuckNodes.Add("pve2");

        var result = await h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken);

        var stuck = Assert.Single(result.NotAvailable);
        Assert.Equal(new Sync.NodeZoneStatus("pve2", "crossite", "pending"), stuck);
        Assert.Equal(3, result.ZoneStatus.Count);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Plan_shows_the_seed_objects_and_writes_nothing(string schema)
    {
        await using var h = Harness.Start(schema);

        var result = await h.Reconciler.PlanAsync(Seed.Roz(), TestContext.Current.CancellationToken);
        var lines = result.Plan.Render(result.Version);

        Assert.Empty(h.Server.Writes);
        Assert.True(result.DryRun);
        var suffix = h.State.HasLock ? " lock-token=<token>" : string.Empty;
        Assert.Contains("POST /cluster/sdn/controllers controller=evpnctl type=evpn asn=65000 peers=10.1.0.1,10.2.0.1" + suffix, lines);
        Assert.Contains("POST /cluster/sdn/zones zone=crossite type=evpn controller=evpnctl vrf-vxlan=99999 exitnodes=pve1 " +
            "exitnodes-local-routing=0 advertise-subnets=1 disable-arp-nd-suppression=0 mtu=1370 ipam=pve" + suffix, lines);
        Assert.Contains("POST /cluster/sdn/vnets vnet=crossvnt zone=crossite tag=100000 alias=\"Cross-site EVPN network - Rozalin subnet\"" + suffix, lines);
        Assert.Contains("POST /cluster/sdn/vnets/crossvnt/subnets subnet=10.1.1.0/24 type=subnet gateway=10.1.1.1 snat=1" + suffix, lines);
        var apply = lines.ToList().IndexOf(h.State.HasLock ? "PUT /cluster/sdn lock-token=<token> release-lock=1" : "PUT /cluster/sdn");
        var sdnRule = lines.ToList().FindIndex(l => l.Contains("+sdn/crossvnt-all", StringComparison.Ordinal));
        Assert.True(apply >= 0 && sdnRule > apply, string.Join('\n', lines));
        Assert.Equal(h.State.HasLock, lines[0] == "POST /cluster/sdn/lock");
        Assert.DoesNotContain(lines, l => l.Contains(FakePveServerSecret, StringComparison.Ordinal));
    }

    private const string FakePveServerSecret = "6f1c2f7e-0d7a-4c55-9a43-2d2b4cb1e0aa";
}

using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Tests;

/// <summary>The datacenter-level GROUP rule against the fake PVE (PVE 8 and 9 schemas).</summary>
public sealed class ClusterRuleReconcileTests
{
    private static readonly FirewallRule GroupRule = ClusterRulePlannerTests.GroupRule;

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Group_rule_is_created_on_top_foreign_rules_keep_their_order_and_a_second_run_writes_nothing(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await AddForeignAsync(h, ct);
        var foreign = Snapshot(h.State.ClusterRules);

        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);

        var ours = h.State.ClusterRules[0];
        Assert.Equal(["action", "comment", "enable", "type"], ours.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("group", "mesh-sdn", "1", "[meshd] meshd: mesh home"), (ours["type"], ours["action"], ours["enable"], ours["comment"]));
        Assert.Equal(foreign, Snapshot(h.State.ClusterRules.Skip(1)));
        var writes = h.Server.Writes.Select(w => $"{w.Method} {w.Path}").ToList();
        Assert.True(writes.LastIndexOf("POST /cluster/firewall/rules") > writes.LastIndexOf("POST /cluster/firewall/groups/mesh-sdn"), string.Join("\n", writes));
        Assert.All(h.Server.Log, r => Assert.True(r.Status == 200, r.ToString()));
        Assert.Empty(h.State.CompileWarnings);

        var mark = h.Server.Log.Count;
        var again = await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);
        Assert.Empty(h.WritesSince(mark));
        Assert.Equal(0, again.WriteCount);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Moved_rule_is_updated_in_place_and_a_stale_owned_rule_deleted_each_under_a_fresh_digest(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await AddForeignAsync(h, ct);
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);
        // the admin moved ours below the foreign ones and bound it to an interface; a rule of an older meshd is left over
        await h.Api.SendAsync(ApiMethod.Put, "/cluster/firewall/rules/0", [new("moveto", "3")], ct);
        await h.Api.SendAsync(ApiMethod.Put, "/cluster/firewall/rules/2", [new("iface", "vmbr0")], ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules",
            [new("type", "in"), new("action", "ACCEPT"), new("proto", "udp"), new("dport", "4789"), new("comment", "[meshd] old spec"), new("enable", "1")], ct);
        var foreign = Snapshot(h.State.ClusterRules.Where(r => !r["comment"].StartsWith("[meshd]", StringComparison.Ordinal)));
        Assert.Equal(["[meshd] old spec", "admin ssh", "no smtp out", "[meshd] meshd: mesh home"], h.State.ClusterRules.Select(r => r["comment"]));

        var mark = h.Server.Log.Count;
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);

        var writes = h.WritesSince(mark);
        Assert.Equal(["DELETE /cluster/firewall/rules/0", "PUT /cluster/firewall/rules/2"], writes.Select(w => $"{w.Method} {w.Path}"));
        Assert.All(writes, w => Assert.Equal(40, w.Params["digest"].Length));
        Assert.NotEqual(writes[0].Params["digest"], writes[1].Params["digest"]);
        Assert.Equal(["admin ssh", "no smtp out", "[meshd] meshd: mesh home"], h.State.ClusterRules.Select(r => r["comment"]));
        Assert.False(h.State.ClusterRules[2].ContainsKey("iface"));
        Assert.Equal(foreign, Snapshot(h.State.ClusterRules.Take(2)));
        Assert.All(h.Server.Log, r => Assert.True(r.Status == 200, r.ToString()));
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Group_rename_points_the_rule_at_the_new_group_before_the_old_group_is_deleted(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await AddForeignAsync(h, ct);
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);

        var mark = h.Server.Log.Count;
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-new"), ct);

        var writes = h.WritesSince(mark).Select(w => $"{w.Method} {w.Path}").ToList();
        var repoint = writes.IndexOf("PUT /cluster/firewall/rules/0");
        Assert.True(repoint > writes.LastIndexOf("POST /cluster/firewall/groups/mesh-new"), string.Join("\n", writes));
        Assert.True(repoint < writes.IndexOf("DELETE /cluster/firewall/groups/mesh-sdn"), string.Join("\n", writes));
        Assert.Equal(["mesh-new"], h.State.Groups.Keys);
        Assert.Equal("mesh-new", h.State.ClusterRules[0]["action"]);
        Assert.Equal(3, h.State.ClusterRules.Count);
        Assert.Empty(h.State.CompileWarnings);
        Assert.All(h.Server.Log, r => Assert.True(r.Status == 200, r.ToString()));
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Dropping_the_firewall_deletes_the_rule_before_the_group(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await AddForeignAsync(h, ct);
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);

        await h.Reconciler.ReconcileAsync(Seed.Roz() with { FirewallGroups = [] }, ct);

        Assert.Empty(h.State.Groups);
        Assert.Equal(["admin ssh", "no smtp out"], h.State.ClusterRules.Select(r => r["comment"]));
        Assert.Empty(h.State.CompileWarnings);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task An_admin_edit_between_read_and_write_is_refused_by_the_digest_and_the_next_run_converges(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn"), ct);
        var inserted = false;
        h.Server.BeforeHandle = (method, path) =>
        {
            if (method == "PUT" && path.StartsWith("/api2/json/cluster/firewall/rules/", StringComparison.Ordinal) && !inserted)
            {
                // the admin adds a rule on top just before our PUT: position 0 is no longer ours
                inserted = true;
                h.State.ClusterRules.Insert(0, new(StringComparer.Ordinal) { ["type"] = "in", ["action"] = "DROP", ["source"] = "192.0.2.66", ["enable"] = "1", ["comment"] = "block" });
            }
        };

        var ex = await Assert.ThrowsAsync<ProxmoxApiException>(() => h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn", comment: "edited"), ct));

        Assert.Contains("detected modified configuration", ex.Message, StringComparison.Ordinal);
        Assert.Equal("DROP", h.State.ClusterRules[0]["action"]);
        await h.Reconciler.ReconcileAsync(WithGroupRule("mesh-sdn", comment: "edited"), ct);
        Assert.Equal(["block", "[meshd] edited"], h.State.ClusterRules.Select(r => r["comment"]));
        Assert.Equal("DROP", h.State.ClusterRules[0]["action"]);
    }

    internal static ClusterDesiredState WithGroupRule(string group, string comment = "meshd: mesh home")
    {
        var seed = Seed.Roz();
        return seed with
        {
            FirewallGroups = [seed.FirewallGroups[0] with { Name = group }],
            ClusterRules = [GroupRule with { Action = group, Comment = comment }],
        };
    }

    private static async Task AddForeignAsync(Harness h, CancellationToken ct)
    {
        // PVE inserts on top: the list ends up ssh, smtp
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules",
            [new("type", "out"), new("action", "DROP"), new("proto", "tcp"), new("dport", "25"), new("comment", "no smtp out"), new("enable", "1")], ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules",
            [new("type", "in"), new("action", "ACCEPT"), new("proto", "tcp"), new("dport", "22"), new("source", "192.0.2.0/24"), new("comment", "admin ssh"), new("enable", "1")], ct);
    }

    private static List<string> Snapshot(IEnumerable<Dictionary<string, string>> rules) =>
        rules.Select(r => string.Join(' ', r.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))).ToList();
}

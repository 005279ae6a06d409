using System.Net;
using ProxmoxSdn.Api;

namespace ProxmoxSdn.Tests;

/// <summary>The fake's cluster rules refuse (and accept) what pve-firewall's ClusterRules/GroupRules handlers do.</summary>
public sealed class ClusterRuleFakeTests
{
    private static readonly KeyValuePair<string, string>[] GroupRule = [new("type", "group"), new("action", "g1"), new("enable", "1")];

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Rule_checks_follow_verify_rule(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups", [new("group", "g1")], ct);

        var nested = await Refused(h, ApiMethod.Post, "/cluster/firewall/groups/g1", [new("type", "group"), new("action", "g1")]);
        Assert.Equal("invalid rule type 'group' for rule_env 'group'", nested.Errors["type"]);
        var iface = await Refused(h, ApiMethod.Post, "/cluster/firewall/groups/g1", [new("type", "in"), new("action", "ACCEPT"), new("iface", "wg_mesh")]);
        Assert.Equal("parameter -i not allowed for this rule type", iface.Errors["type"]);
        var dash = await Refused(h, ApiMethod.Post, "/cluster/firewall/rules", [new("type", "in"), new("action", "ACCEPT"), new("iface", "wg-mesh")]);
        Assert.Equal("invalid format - invalid network interface name 'wg-mesh'", dash.Errors["iface"]);
        var reject = await Refused(h, ApiMethod.Post, "/cluster/firewall/rules", [new("type", "forward"), new("action", "REJECT")]);
        Assert.Equal("cannot define REJECT rules on forward chain", reject.Errors["action"]);
        var unknown = await Refused(h, ApiMethod.Post, "/cluster/firewall/rules", [new("type", "in"), new("action", "g1")]);
        Assert.Equal("unknown action 'g1'", unknown.Errors["action"]);
        var longName = await Refused(h, ApiMethod.Post, "/cluster/firewall/rules", [new("type", "group"), new("action", new string('g', 21))]);
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        var missing = await Refused(h, ApiMethod.Delete, "/cluster/firewall/rules/0", []);
        Assert.Equal("no rule at position 0", missing.Reason);

        // a group rule keeps only type, action, iface, enable and comment through PVE's save (log, source ... dropped)
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules",
            [.. GroupRule, new("pos", "5"), new("log", "info"), new("source", "10.0.0.0/8"), new("iface", "wg_mesh"), new("comment", "  on wg  ")], ct);
        var rule = Assert.Single(h.State.ClusterRules);
        Assert.Equal(["action", "comment", "enable", "iface", "type"], rule.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("group", "g1", "1", "wg_mesh", "on wg"), (rule["type"], rule["action"], rule["enable"], rule["iface"], rule["comment"]));
        var required = await Refused(h, ApiMethod.Put, "/cluster/firewall/rules/0", [new("delete", "action")]);
        Assert.Equal("unable to delete required property 'action'", required.Errors["delete"]);
        Assert.Empty(h.State.CompileWarnings);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Positional_writes_are_refused_when_the_list_changed_since_the_digest(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules", [new("type", "in"), new("action", "ACCEPT"), new("proto", "tcp"), new("dport", "22")], ct);
        var digest = (await h.Api.GetAsync("/cluster/firewall/rules", null, ct))[0].GetProperty("digest").GetString()!;
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules", [new("type", "in"), new("action", "DROP"), new("proto", "tcp"), new("dport", "23")], ct);

        var stale = await Refused(h, ApiMethod.Delete, "/cluster/firewall/rules/0", [new("digest", digest)]);
        Assert.Equal("detected modified configuration - file changed by other user? Try again.", stale.Reason);
        var fresh = (await h.Api.GetAsync("/cluster/firewall/rules", null, ct))[0].GetProperty("digest").GetString()!;
        await h.Api.SendAsync(ApiMethod.Put, "/cluster/firewall/rules/0", [new("moveto", "2"), new("digest", fresh)], ct);
        Assert.Equal(["22", "23"], h.State.ClusterRules.Select(r => r["dport"]));
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Dangling_group_references_are_accepted_like_pve_and_show_up_as_compile_warnings(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;

        // pve-firewall accepts a group rule for a group that does not exist ...
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/rules", GroupRule, ct);
        Assert.Equal(["POST /cluster/firewall/rules: no such security group 'g1'"], h.State.CompileWarnings);

        // ... a rename of the group carries the rule along (rename_fw_rules) ...
        h.State.CompileWarnings.Clear();
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups", [new("group", "g1")], ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups", [new("group", "g2"), new("rename", "g1")], ct);
        Assert.Equal("g2", h.State.ClusterRules[0]["action"]);
        Assert.Empty(h.State.CompileWarnings);

        // ... and deleting a referenced (empty) group is allowed too: the rule then acts as an empty chain
        await h.Api.SendAsync(ApiMethod.Delete, "/cluster/firewall/groups/g2", [], ct);
        Assert.Equal(["DELETE /cluster/firewall/groups/g2: no such security group 'g2'"], h.State.CompileWarnings);
    }

    private static async Task<ProxmoxApiException> Refused(Harness h, ApiMethod method, string path, KeyValuePair<string, string>[] parameters) =>
        await Assert.ThrowsAsync<ProxmoxApiException>(() => h.Api.SendAsync(method, path, parameters, TestContext.Current.CancellationToken));
}

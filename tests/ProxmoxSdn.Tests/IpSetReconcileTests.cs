using System.Net;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;
using ProxmoxSdn.Sync;

namespace ProxmoxSdn.Tests;

/// <summary>Ipsets against the fake PVE (PVE 8 and 9 schemas): create, fill, shrink, delete, converge.</summary>
public sealed class IpSetReconcileTests
{
    private static readonly string[] Many = [.. Enumerable.Range(1, 40).Select(i => $"10.{i}.0.1"), "10.200.0.0/16"];

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Ipsets_are_created_filled_shrunk_and_deleted_with_zero_writes_when_unchanged(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;

        await h.Reconciler.ReconcileAsync(WithPeers(Many), ct);
        var set = h.State.IpSets["meshd-roz-bgp-src"];
        Assert.Equal("[meshd] bgp peers", set.Comment);
        Assert.Equal(Many.Order(StringComparer.Ordinal), set.Entries.Select(e => e["cidr"]).Order(StringComparer.Ordinal));
        Assert.Equal("+meshd-roz-bgp-src", h.State.Groups["mesh-sdn"].Rules[0]["source"]);
        Assert.All(h.Server.Log, r => Assert.Equal(200, r.Status));

        var mark = h.Server.Log.Count;
        var again = await h.Reconciler.ReconcileAsync(WithPeers(Many), ct);
        Assert.Empty(h.WritesSince(mark));
        Assert.Equal(0, again.WriteCount);

        mark = h.Server.Log.Count;
        await h.Reconciler.ReconcileAsync(WithPeers([.. Many[..10], "10.77.0.1"]), ct);
        Assert.Equal(
            ["POST /cluster/firewall/ipset/meshd-roz-bgp-src", .. Enumerable.Repeat("DELETE /cluster/firewall/ipset/meshd-roz-bgp-src/{cidr}", 31)],
            h.WritesSince(mark).Select(w => $"{w.Method} {(w.Method == "DELETE" ? "/cluster/firewall/ipset/meshd-roz-bgp-src/{cidr}" : w.Path)}"));
        Assert.Equal(11, set.Entries.Count);
        Assert.Contains(set.Entries, e => e["cidr"] == "10.77.0.1");

        mark = h.Server.Log.Count;
        await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);
        var writes = h.WritesSince(mark).Select(w => $"{w.Method} {w.Path}").ToList();
        Assert.Equal("DELETE /cluster/firewall/ipset/meshd-roz-bgp-src", writes[^1]);
        Assert.Contains("PUT /cluster/firewall/groups/mesh-sdn/0", writes);
        Assert.Empty(h.State.IpSets);
        Assert.All(h.Server.Log, r => Assert.Equal(200, r.Status));
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Foreign_ipsets_survive_and_an_owned_leftover_is_removed(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/ipset", [new("name", "admins"), new("comment", "office admins")], ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/ipset/admins", [new("cidr", "192.0.2.7")], ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/ipset", [new("name", "meshd-roz-old"), new("comment", "[meshd] from an older spec")], ct);

        await h.Reconciler.ReconcileAsync(Seed.Roz(), ct);

        Assert.Equal(["admins"], h.State.IpSets.Keys);
        Assert.Equal("192.0.2.7", Assert.Single(h.State.IpSets["admins"].Entries)["cidr"]);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Fake_refuses_what_pve_refuses_for_ipsets(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups", [new("group", "g1")], ct);

        var unknown = await Refused(h, ApiMethod.Post, "/cluster/firewall/groups/g1", [new("type", "in"), new("action", "ACCEPT"), new("source", "+peers")]);
        Assert.Equal("no such ipset 'peers'", unknown.Errors["source"]);

        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/ipset", [new("name", "peers")], ct);
        var twice = await Refused(h, ApiMethod.Post, "/cluster/firewall/ipset", [new("name", "peers")]);
        Assert.Equal("IPSet 'peers' already exists", twice.Errors["name"]);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/ipset/peers", [new("cidr", "10.2.0.1/32")], ct);
        var duplicate = await Refused(h, ApiMethod.Post, "/cluster/firewall/ipset/peers", [new("cidr", "10.2.0.1")]);
        Assert.Equal("address '10.2.0.1' already exists", duplicate.Errors["cidr"]);
        var hostBits = await Refused(h, ApiMethod.Post, "/cluster/firewall/ipset/peers", [new("cidr", "10.2.0.7/24")]);
        Assert.Equal(HttpStatusCode.BadRequest, hostBits.StatusCode);
        var longName = await Refused(h, ApiMethod.Post, "/cluster/firewall/ipset", [new("name", new string('p', 65))]);
        Assert.Equal("value may only be 64 characters long", longName.Errors["name"]);
        var missing = await Refused(h, ApiMethod.Post, "/cluster/firewall/ipset/nope", [new("cidr", "10.2.0.2")]);
        Assert.Equal("no such IPSet 'nope'", missing.Reason);

        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups/g1", [new("type", "in"), new("action", "ACCEPT"), new("source", "+peers")], ct);
        var notEmpty = await Refused(h, ApiMethod.Delete, "/cluster/firewall/ipset/peers", []);
        Assert.Equal("IPSet 'peers' is not empty", notEmpty.Reason);
        await h.Api.SendAsync(ApiMethod.Delete, "/cluster/firewall/ipset/peers", [new("force", "1")], ct);
        Assert.Empty(h.State.IpSets);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Host_options_are_read_for_the_cluster_and_every_node(string schema)
    {
        await using var h = Harness.Start(schema, "pve1", "pve2", "pve3");
        var ct = TestContext.Current.CancellationToken;
        await h.Api.SendAsync(ApiMethod.Put, "/cluster/firewall/options", [new("enable", "1"), new("ebtables", "0")], ct);
        await h.Api.SendAsync(ApiMethod.Put, "/nodes/pve1/firewall/options", [new("nftables", "1")], ct);
        h.State.OfflineNodes.Add("pve3");

        var options = await HostOptionsReader.ReadAsync(h.Api, ct);

        Assert.Equal(new Dictionary<string, string> { ["enable"] = "1", ["ebtables"] = "0" }, options.Cluster);
        Assert.Equal(["pve1", "pve2"], options.Nodes.Keys);
        Assert.Equal("1", options.Nodes["pve1"]["nftables"]);
        Assert.Empty(options.Nodes["pve2"]);
        Assert.Contains("pve3", options.Unreadable["pve3"], StringComparison.Ordinal);
        Assert.DoesNotContain(h.Server.Log, r => r.IsWrite && r.Path.Contains("options", StringComparison.Ordinal) && r.Status != 200);
    }

    private static ClusterDesiredState WithPeers(string[] peers)
    {
        var seed = Seed.Roz();
        var g = seed.FirewallGroups[0];
        return seed with
        {
            FirewallGroups = [g with { Rules = [IpSetPlannerTests.Rule("+meshd-roz-bgp-src"), .. g.Rules] }],
            IpSets = [new FirewallIpSet("meshd-roz-bgp-src", "bgp peers", peers.ToValueList())],
        };
    }

    private static async Task<ProxmoxApiException> Refused(Harness h, ApiMethod method, string path, KeyValuePair<string, string>[] parameters) =>
        await Assert.ThrowsAsync<ProxmoxApiException>(() => h.Api.SendAsync(method, path, parameters, TestContext.Current.CancellationToken));
}

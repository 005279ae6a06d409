using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Mesh.Planning;
using Mesh.Spec;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxSdn.Fake;
using TestSupport;

namespace Mesh.Daemon.Tests.Sdn;

/// <summary>The SDN subsystem against the ProxmoxSdn fake PVE (real HTTPS, schema-validated requests).</summary>
public sealed class SdnSubsystemTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshd-sdn-").FullName;
    private FakePveServer? _server;

    public static TheoryData<string> Versions => new("8", "9");

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Writer_node_converges_the_cluster_then_makes_zero_writes(string major)
    {
        var ct = TestContext.Current.CancellationToken;
        // a dashed interface name (PVE cannot name it in a rule) deliberately: BGP/VXLAN stay in the group
        var (subsystem, plan) = Start(major, "pve1", yaml => yaml.Replace("  asn: 65010\n", "  asn: 65010\n  wireguard:\n    interface: wg-mesh\n", StringComparison.Ordinal));

        var first = await subsystem.ReconcileAsync(plan, ct);

        Assert.True(first.Health == Health.Healthy, first.Message);
        Assert.True(first.Changes >= 5, first.Message);
        var state = _server!.State;
        Assert.Equal(1, state.ApplyCount);
        Assert.Equal(string.Join(',', plan.Sdn!.Controller.Peers), state.Running["controllers"].Ids["evpnctl"]["peers"]);
        var zone = state.Running["zones"].Ids["family"];
        Assert.Equal("99999", zone["vrf-vxlan"]);
        Assert.Equal("0", zone["exitnodes-local-routing"]);
        Assert.Equal("pve1", zone["exitnodes"]);
        Assert.Equal(plan.Mtu.OverlayMtu.ToString(System.Globalization.CultureInfo.InvariantCulture), zone["mtu"]);
        Assert.Equal("1", state.Running["subnets"].Ids["family-10.1.1.0-24"]["snat"]);
        var group = Assert.Single(state.Groups);
        Assert.StartsWith("[meshd] ", group.Value.Comment, StringComparison.Ordinal);
        // wg-mesh is no PVE interface name: BGP/VXLAN stay in the group, source-restricted only
        Assert.Contains(group.Value.Rules, r => r.GetValueOrDefault("dport") == "4789");
        Assert.DoesNotContain(group.Value.Rules, r => r.ContainsKey("iface"));
        Assert.Contains("rules for wg-mesh not bound to the interface", first.Message, StringComparison.Ordinal);
        var groupRule = Assert.Single(state.ClusterRules);
        Assert.Equal(("group", group.Key, "1"), (groupRule["type"], groupRule["action"], groupRule["enable"]));
        Assert.StartsWith("[meshd] ", groupRule["comment"], StringComparison.Ordinal);
        Assert.Contains($"cluster rule GROUP {group.Key}", first.Message, StringComparison.Ordinal);
        Assert.Null(state.LockToken);

        var mark = _server.Log.Count;
        var second = await subsystem.ReconcileAsync(plan, ct);

        Assert.Equal(Health.Healthy, second.Health);
        Assert.Equal(0, second.Changes);
        Assert.EndsWith("in sync", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Log.Skip(mark), r => r.IsWrite);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Rules_whose_address_lists_need_an_ipset_converge_and_the_ipset_goes_when_no_longer_needed(string major)
    {
        var ct = TestContext.Current.CancellationToken;
        var many = Enumerable.Range(1, 60).Select(i => $"10.2.1.{2 * i}").ToArray();
        var (subsystem, plan) = Start(major, "pve1", LongSshSources(many));

        var first = await subsystem.ReconcileAsync(plan, ct);

        Assert.Equal(Health.Healthy, first.Health);
        Assert.Contains("1 ipset(s)", first.Message, StringComparison.Ordinal);
        var state = _server!.State;
        var (name, set) = Assert.Single(state.IpSets);
        Assert.StartsWith("[meshd] ", set.Comment, StringComparison.Ordinal);
        Assert.Equal(many.Order(StringComparer.Ordinal), set.Entries.Select(e => e["cidr"]).Order(StringComparer.Ordinal));
        Assert.Contains(Assert.Single(state.Groups).Value.Rules, r => r.GetValueOrDefault("source") == "+" + name && r.GetValueOrDefault("dport") == "22");
        Assert.All(_server.Log, r => Assert.True(r.Status == 200, r.ToString()));

        var mark = _server.Log.Count;
        var second = await subsystem.ReconcileAsync(plan, ct);
        Assert.Equal(Health.Healthy, second.Health);
        Assert.Equal(0, second.Changes);
        Assert.DoesNotContain(_server.Log.Skip(mark), r => r.IsWrite);

        var (_, fewer) = Plan("pve1", LongSshSources(many[..3]));
        var third = await subsystem.ReconcileAsync(fewer, ct);
        Assert.Equal(Health.Healthy, third.Health);
        Assert.Empty(state.IpSets);
        Assert.Contains(Assert.Single(state.Groups).Value.Rules, r => r.GetValueOrDefault("source") == string.Join(',', many[..3]));
        Assert.Equal($"DELETE /cluster/firewall/ipset/{name}", _server.Log.Last(r => r.IsWrite) is { } w ? $"{w.Method} {w.Path}" : null);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Renamed_mesh_repoints_the_group_rule_before_the_old_group_goes_and_foreign_cluster_rules_stay(string major)
    {
        var ct = TestContext.Current.CancellationToken;
        var (subsystem, plan) = Start(major, "pve1");
        var state = _server!.State;
        state.ClusterRules.Add(new(StringComparer.Ordinal) { ["type"] = "in", ["action"] = "ACCEPT", ["proto"] = "tcp", ["dport"] = "8006", ["comment"] = "gui", ["enable"] = "1" });
        await subsystem.ReconcileAsync(plan, ct);
        Assert.Equal(["ACCEPT", "ACCEPT", "meshd-family", "ACCEPT"], state.ClusterRules.Select(r => r["action"]));

        var (_, renamed) = Plan("pve1", yaml => yaml.Replace("  name: family\n", "  name: clan\n", StringComparison.Ordinal));
        var result = await subsystem.ReconcileAsync(renamed, ct);

        Assert.True(result.Health == Health.Healthy, result.Message);
        Assert.Equal(["meshd-clan"], state.Groups.Keys);
        Assert.Equal(["ACCEPT", "ACCEPT", "meshd-clan", "ACCEPT"], state.ClusterRules.Select(r => r["action"]));
        Assert.Equal("gui", state.ClusterRules[3]["comment"]);
        Assert.Empty(state.CompileWarnings);
        Assert.All(_server.Log, r => Assert.True(r.Status == 200, r.ToString()));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task With_an_interface_pve_can_name_bgp_and_vxlan_are_cluster_rules_bound_to_it_above_the_group_rule(string major)
    {
        var ct = TestContext.Current.CancellationToken;
        // the default interface wg_mesh
        var (subsystem, plan) = Start(major, "pve1");

        var first = await subsystem.ReconcileAsync(plan, ct);

        Assert.True(first.Health == Health.Healthy, first.Message);
        Assert.DoesNotContain("not bound", first.Message, StringComparison.Ordinal);
        var state = _server!.State;
        // PVE refuses -i inside a security group, so the interface-bound rules live at cluster level
        Assert.Equal(["179", "4789", null], state.ClusterRules.Select(r => r.GetValueOrDefault("dport")));
        Assert.All(state.ClusterRules.Take(2), r => Assert.Equal(("in", "wg_mesh"), (r["type"], r["iface"])));
        Assert.Equal("group", state.ClusterRules[2]["type"]);
        Assert.All(state.ClusterRules, r => Assert.StartsWith("[meshd] ", r["comment"], StringComparison.Ordinal));
        var group = Assert.Single(state.Groups).Value.Rules;
        Assert.DoesNotContain(group, r => r.ContainsKey("iface") || r.GetValueOrDefault("dport") is "179" or "4789");
        Assert.All(_server.Log, r => Assert.True(r.Status == 200, r.ToString()));

        var mark = _server.Log.Count;
        var second = await subsystem.ReconcileAsync(plan, ct);
        Assert.Equal(0, second.Changes);
        Assert.DoesNotContain(_server.Log.Skip(mark), r => r.IsWrite);
    }

    [Fact]
    public async Task Other_proxmox_node_of_the_site_leaves_the_cluster_to_the_writer()
    {
        var (subsystem, plan) = Start("9", "pve2");

        var result = await subsystem.ReconcileAsync(plan, TestContext.Current.CancellationToken);

        Assert.Equal("sdn: written by pve1", result.Message);
        Assert.Equal(0, result.Changes);
        Assert.Empty(_server!.Log);
    }

    [Fact]
    public async Task Native_node_is_disabled()
    {
        var (subsystem, plan) = Start("9", "gw1");

        var result = await subsystem.ReconcileAsync(plan, TestContext.Current.CancellationToken);

        Assert.Equal(Health.Disabled, result.Health);
        Assert.Empty(_server!.Log);
    }

    [Fact]
    public async Task Group_readable_token_file_is_refused_without_leaking_the_secret()
    {
        var (subsystem, plan) = Start("9", "pve1");
        File.SetUnixFileMode(Path.Combine(_dir, "roz.token"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var e = await Assert.ThrowsAsync<ProxmoxSdn.ProxmoxSdnException>(() => subsystem.ReconcileAsync(plan, TestContext.Current.CancellationToken));

        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakePveServer.TokenText.Split('=')[1], e.Message, StringComparison.Ordinal);
        Assert.Empty(_server!.Log);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The example's ssh rule with so many sources that they no longer fit one PVE rule field.</summary>
    internal static Func<string, string> LongSshSources(string[] sources) =>
        yaml => yaml.Replace("from: [10.2.1.0/24]", $"from: [{string.Join(", ", sources)}]", StringComparison.Ordinal);

    internal (SdnSubsystem Subsystem, NodePlan Plan) Start(string major, string node, Func<string, string>? edit = null)
    {
        // the PVE API schema from ../shared/reference (skips when absent: the reference is never copied into the project)
        var version = PveSchema.VersionOf(int.Parse(major, System.Globalization.CultureInfo.InvariantCulture));
        var schema = PveSchema.Load(Repo.RequireShared("reference", "proxmox-api", $"pve-api-{version}.json"), version);
        _server = new FakePveServer(schema, "pve1", "pve2");
        _server.State.ZonePendingPolls = 0;
        _server.State.TaskRunningPolls = 0;
        var token = Path.Combine(_dir, "roz.token");
        File.WriteAllText(token, FakePveServer.TokenText);
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (state, plan) = Plan(node, edit);
        var options = new DaemonOptions { Node = node, StateDir = Path.Combine(_dir, "state") };
        return (new SdnSubsystem(options, state, NullLoggerFactory.Instance), plan);
    }

    internal FakePveServer Server => _server!;

    /// <summary>The example spec pointed at the fake (optionally edited), loaded into a daemon state, and the node's plan.</summary>
    internal (DaemonState State, NodePlan Plan) Plan(string node, Func<string, string>? edit = null)
    {
        var token = Path.Combine(_dir, "roz.token");
        var yaml = File.ReadAllText(Repo.Path("examples", "multi-site.yaml"))
            .Replace("https://pve1.roz.example.net:8006", _server!.BaseAddress.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal)
            .Replace("/etc/meshd/roz.token", token, StringComparison.Ordinal)
            .Replace("5A:1F:3C:9D:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:10:32:54:76", _server.Fingerprint.ToString(), StringComparison.Ordinal);
        var loaded = SpecLoader.Load((edit ?? (y => y))(yaml), "multi-site.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var state = new DaemonState(node, "multi-site.yaml", DateTimeOffset.UnixEpoch) { Spec = loaded.Spec };
        return (state, Planner.Plan(loaded.Spec!, node));
    }
}

using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Mesh.Planning;
using Mesh.Spec;
using Microsoft.Extensions.Logging.Abstractions;
using ProxmoxSdn.Tests.Fake;
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
        var (subsystem, plan) = Start(major, "pve1");

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
        Assert.Contains(group.Value.Rules, r => r.GetValueOrDefault("dport") == "4789");
        Assert.Null(state.LockToken);

        var mark = _server.Log.Count;
        var second = await subsystem.ReconcileAsync(plan, ct);

        Assert.Equal(Health.Healthy, second.Health);
        Assert.Equal(0, second.Changes);
        Assert.EndsWith("in sync", second.Message, StringComparison.Ordinal);
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

    private (SdnSubsystem Subsystem, NodePlan Plan) Start(string major, string node)
    {
        var schema = PveSchema.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"pve-api-subset-{major}.json"), major == "8" ? "8.4.2" : "9.1.3");
        _server = new FakePveServer(schema, "pve1", "pve2");
        _server.State.ZonePendingPolls = 0;
        _server.State.TaskRunningPolls = 0;
        var token = Path.Combine(_dir, "roz.token");
        File.WriteAllText(token, FakePveServer.TokenText);
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var yaml = File.ReadAllText(Repo.Path("examples", "multi-site.yaml"))
            .Replace("https://pve1.roz.example.net:8006", _server.BaseAddress.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal)
            .Replace("/etc/meshd/roz.token", token, StringComparison.Ordinal)
            .Replace("5A:1F:3C:9D:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:10:32:54:76", _server.Fingerprint.ToString(), StringComparison.Ordinal);
        var loaded = SpecLoader.Load(yaml, "multi-site.yaml");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var options = new DaemonOptions { Node = node, StateDir = Path.Combine(_dir, "state") };
        var state = new DaemonState(node, "multi-site.yaml", DateTimeOffset.UnixEpoch) { Spec = loaded.Spec };
        return (new SdnSubsystem(options, state, NullLoggerFactory.Instance), Planner.Plan(loaded.Spec!, node));
    }
}

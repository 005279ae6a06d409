using Mesh.Control;
using Mesh.Daemon.Control;
using ProxmoxSdn.Fake;

namespace Mesh.Daemon.Tests.Sdn;

/// <summary>`meshctl doctor`'s "proxmox firewall options" finding, read through the SDN subsystem from the fake PVE.</summary>
public sealed class ProxmoxOptionsDoctorTests : IAsyncDisposable
{
    private readonly SdnSubsystemTests _sdn = new();

    [Theory]
    [InlineData("8")]
    [InlineData("9")]
    public async Task Node_without_nftables_fails_with_the_pvesh_fix_and_passes_once_set(string major)
    {
        var ct = TestContext.Current.CancellationToken;
        var (subsystem, plan) = _sdn.Start(major, "pve2"); // not the writer: any proxmox node may read
        await subsystem.ReconcileAsync(plan, ct);
        var state = _sdn.Server.State;
        state.ClusterOptions["enable"] = "1";
        state.NodeOptions["pve1"] = new(StringComparer.Ordinal) { ["nftables"] = "1" };
        state.NodeOptions["pve2"] = new(StringComparer.Ordinal) { ["nftables"] = "0" };

        var failing = Doctor.ProxmoxOptions(await subsystem.ReadHostOptionsAsync(ct))!;

        Assert.Equal(Verdict.Fail, failing.Verdict);
        Assert.StartsWith("node pve2 nftables is not 1", failing.Message, StringComparison.Ordinal);
        Assert.Equal("pvesh set /nodes/pve2/firewall/options --nftables 1", failing.Fix);
        Assert.DoesNotContain(_sdn.Server.Log, r => r.IsWrite);

        state.NodeOptions["pve2"]["nftables"] = "1";
        var ok = Doctor.ProxmoxOptions(await subsystem.ReadHostOptionsAsync(ct))!;

        Assert.Equal(Verdict.Ok, ok.Verdict);
        Assert.Null(ok.Fix);
    }

    [Fact]
    public async Task Cluster_defaults_are_applied_and_every_missing_option_gets_one_command_per_object()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subsystem, plan) = _sdn.Start("9", "pve1");
        await subsystem.ReconcileAsync(plan, ct);
        _sdn.Server.State.ClusterOptions["ebtables"] = "0"; // enable is absent: PVE's default is 0

        var finding = Doctor.ProxmoxOptions(await subsystem.ReadHostOptionsAsync(ct))!;

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Equal(
            "pvesh set /cluster/firewall/options --ebtables 1 --enable 1 && pvesh set /nodes/pve1/firewall/options --nftables 1 && " +
            "pvesh set /nodes/pve2/firewall/options --nftables 1",
            finding.Fix);
    }

    [Fact]
    public async Task Unreachable_api_or_node_is_a_warning_that_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subsystem, plan) = _sdn.Start("9", "pve1");
        await subsystem.ReconcileAsync(plan, ct);
        var state = _sdn.Server.State;
        state.ClusterOptions["enable"] = "1";
        state.NodeOptions["pve1"] = new(StringComparer.Ordinal) { ["nftables"] = "1" };
        state.OfflineNodes.Add("pve2");

        var node = Doctor.ProxmoxOptions(await subsystem.ReadHostOptionsAsync(ct))!;
        Assert.Equal(Verdict.Warn, node.Verdict);
        Assert.Contains("pve2", node.Message, StringComparison.Ordinal);

        _sdn.Server.Faults.Add(new Fault("GET", "/api2/json/cluster/firewall/options", FaultKind.Status) { Status = 403, Reason = "Permission check failed (/, Sys.Audit)" });
        var api = Doctor.ProxmoxOptions(await subsystem.ReadHostOptionsAsync(ct))!;
        Assert.Equal(Verdict.Warn, api.Verdict);
        Assert.Contains("Permission check failed", api.Message, StringComparison.Ordinal);
        Assert.Contains("sites.roz.proxmox", api.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Native_node_has_no_proxmox_finding()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subsystem, plan) = _sdn.Start("9", "gw1");
        await subsystem.ReconcileAsync(plan, ct);

        Assert.Null(Doctor.ProxmoxOptions(await subsystem.ReadHostOptionsAsync(ct)));
        Assert.Empty(_sdn.Server.Log);
    }

    public ValueTask DisposeAsync() => _sdn.DisposeAsync();
}

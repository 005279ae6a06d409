using System.Net;
using Mesh.Control;
using Mesh.Daemon.Control;
using Mesh.Daemon.Probe;
using Mesh.Daemon.Tests.Reconcile;

namespace Mesh.Daemon.Tests.Control;

public sealed class DoctorPathMtuTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Device_plan_and_probe_agree_or_the_fix_names_the_underlay_mtu_that_fits()
    {
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", TimeProvider.System);
        await h.Loop.PassAsync(["startup"], TestContext.Current.CancellationToken);
        var plan = h.Loop.CurrentPlan!;
        var peer = plan.WireGuard.Peers[0].Name;
        var planned = plan.WireGuard.Mtu;
        Assert.Equal(1440, planned); // IPv4 underlay at 1500

        Assert.Null(Doctor.PathMtu(plan, new Dictionary<string, PathMtuResult>())); // not probed yet: no finding

        var ok = Doctor.PathMtu(plan, Probed(peer, planned))!;
        Assert.Equal(Verdict.Ok, ok.Verdict);

        var small = Doctor.PathMtu(plan, Probed(peer, 1340))!;
        Assert.Equal(Verdict.Fail, small.Verdict);
        Assert.Contains($"{peer} 1340", small.Message, StringComparison.Ordinal);
        Assert.Contains("underlay-mtu: 1400 gives WireGuard MTU 1340", small.Fix, StringComparison.Ordinal);

        var once = Doctor.PathMtu(plan, Probed(peer, 1439, confirmed: false))!;
        Assert.Equal(Verdict.Warn, once.Verdict); // one short search is not a verdict: the prober searches again in 15 s
        Assert.Contains($"re-checking in 15 s: {peer} 1439", once.Message, StringComparison.Ordinal);

        var silent = Doctor.PathMtu(plan, Probed(peer, null))!;
        Assert.Equal(Verdict.Warn, silent.Verdict);
        Assert.Contains("no echo reply", silent.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, PathMtuResult> Probed(string peer, int? mtu, bool confirmed = true) =>
        new() { [peer] = new PathMtuResult(peer, IPAddress.Parse("10.1.0.2"), mtu, 1440, 3, T0, "192.0.2.2:51820", confirmed) };
}

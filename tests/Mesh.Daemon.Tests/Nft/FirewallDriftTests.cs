using Mesh.Daemon.Nft;
using Mesh.Daemon.Subsystems;
using Mesh.Daemon.Tests.Reconcile;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace Mesh.Daemon.Tests.Nft;

/// <summary>The doctor's firewall check: the running `table inet meshd` against the plan, with real nft in a namespace.</summary>
public sealed class FirewallDriftTests
{
    [Fact]
    public async Task Missing_then_in_sync_then_edited_by_hand()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("nft", "ip");
        var ct = TestContext.Current.CancellationToken;
        using var ns = NetNs.Create("fwd");
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", TimeProvider.System);
        await h.Loop.PassAsync(["startup"], ct);
        var plan = h.Loop.CurrentPlan!;
        var firewall = new FirewallSubsystem(h.State, NullLoggerFactory.Instance, new NftOptions { NetworkNamespace = ns.Name });

        Assert.Contains("is missing", await firewall.DriftAsync(plan, ct), StringComparison.Ordinal);

        Assert.Equal(1, (await firewall.ReconcileAsync(plan, ct)).Changes);
        Assert.Null(await firewall.DriftAsync(plan, ct));

        ns.Must("nft", "add", "chain", "inet", "meshd", "by_hand");
        Assert.Contains("differs from the plan", await firewall.DriftAsync(plan, ct), StringComparison.Ordinal);

        Assert.Equal(1, (await firewall.ReconcileAsync(plan, ct)).Changes); // the next pass puts it back
        Assert.Null(await firewall.DriftAsync(plan, ct));
    }
}

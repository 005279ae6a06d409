using System.Net;
using Mesh.Control;
using Mesh.Daemon.Ddns;
using Mesh.Daemon.Subsystems;
using Mesh.Daemon.Tests.Ddns;
using Mesh.Daemon.Tests.Reconcile;
using Mesh.Collections;
using Mesh.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using WireGuard;

namespace Mesh.Daemon.Tests.Subsystems;

public sealed class DdnsSubsystemTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watchers_follow_the_plan_and_stop_for_good_when_a_peer_leaves()
    {
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", TimeProvider.System);
        await h.Loop.PassAsync(["startup"], Ct);
        var plan = h.Loop.CurrentPlan!;
        var named = plan.WireGuard.Peers.Where(p => p.EndpointHost is { } host && !IPAddress.TryParse(host, out _)).ToList();
        Assert.NotEmpty(named); // the lab's peers are reached by DNS names

        var control = new FakeControl();
        foreach (var p in plan.WireGuard.Peers)
        {
            var key = WireGuardDesired.PublicKey(p);
            control.Peers[key] = new PeerEndpointState(key, null, null);
        }

        var dns = new FakeResolver { Next = FakeResolver.Answer(300, "198.51.100.20") };
        var ddns = new DdnsSubsystem(() => dns, new SerializedControl(control), NullLoggerFactory.Instance);
        try
        {
            var first = await ddns.ReconcileAsync(plan, Ct);
            Assert.Equal((Health.Healthy, named.Count), (first.Health, first.Changes));
            Assert.Contains($"{named.Count} name(s) watched (+{named.Count} -0)", first.Message, StringComparison.Ordinal);
            for (var i = 0; i < 500 && ddns.Snapshots().Any(s => s.Address is null); i++)
            {
                await Task.Delay(10, Ct);
            }

            Assert.All(ddns.Snapshots(), s => Assert.Equal("198.51.100.20", s.Address?.ToString()));
            Assert.Equal(0, (await ddns.ReconcileAsync(plan, Ct)).Changes); // same plan: nothing restarted

            var without = plan with { WireGuard = plan.WireGuard with { Peers = EquatableArray<WireGuardPeerPlan>.Empty } };
            var gone = await ddns.ReconcileAsync(without, Ct);
            Assert.Equal(named.Count, gone.Changes);
            Assert.Empty(ddns.Snapshots());
            for (var i = 0; i < 500 && ddns.RunningWatchers > 0; i++)
            {
                await Task.Delay(10, Ct);
            }

            Assert.Equal(0, ddns.RunningWatchers); // the removed watcher's loop really ended
            var calls = dns.Calls;
            await Task.Delay(100, Ct);
            Assert.Equal(calls, dns.Calls);
        }
        finally
        {
            await ddns.StopAsync(Ct);
        }

        Assert.Equal(0, ddns.RunningWatchers);
    }

    [Fact]
    public async Task A_failing_name_degrades_the_subsystem_with_the_name_and_the_reason()
    {
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", TimeProvider.System);
        await h.Loop.PassAsync(["startup"], Ct);
        var plan = h.Loop.CurrentPlan!;
        var dns = new FakeResolver { Next = FakeResolver.Fail(DnsOutcome.NxDomain, "NXDOMAIN") };
        var ddns = new DdnsSubsystem(() => dns, new SerializedControl(new FakeControl()), NullLoggerFactory.Instance);
        try
        {
            await ddns.ReconcileAsync(plan, Ct);
            for (var i = 0; i < 500 && ddns.Snapshots().All(s => s.LastError is null); i++)
            {
                await Task.Delay(10, Ct);
            }

            var again = await ddns.ReconcileAsync(plan, Ct);
            Assert.Equal(Health.Degraded, again.Health);
            Assert.Contains("failing: wro.lab.example.net (", again.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ddns.StopAsync(Ct);
        }
    }

    /// <summary>The fake is not thread-safe; watchers call it concurrently.</summary>
    private sealed class SerializedControl(FakeControl inner) : IWireGuardEndpointControl
    {
        private readonly SemaphoreSlim _gate = new(1);

        public async Task<IReadOnlyList<PeerEndpointState>> GetPeersAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                return await inner.GetPeersAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task SetEndpointAsync(Key peer, IPEndPoint endpoint, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await inner.SetEndpointAsync(peer, endpoint, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}

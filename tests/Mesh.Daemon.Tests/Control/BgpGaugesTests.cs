using System.Diagnostics.Metrics;
using Frr;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Tests.Ddns;
using Mesh.Daemon.Tests.Reconcile;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Daemon.Tests.Control;

public sealed class BgpGaugesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_planned_neighbour_gets_a_series_with_its_peer_name_and_fsm_state()
    {
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", new ManualTimeProvider(T0));
        await h.Loop.PassAsync(["startup"], Ct);
        var neighbours = h.Loop.CurrentPlan!.Evpn.Neighbors.Select(n => n.ToString()).ToList();
        Assert.True(neighbours.Count >= 1, "the lab plan for roz1 has EVPN neighbours");
        var up = neighbours[0];
        var summary = new EvpnSummary("10.255.0.1", 65000,
            [new EvpnPeerStatus(up, 65000, "Established", TimeSpan.FromMinutes(5), 7, 3, 1, 0)]);
        var gauges = new BgpGauges(h.Options, h.Metrics, h.Loop, _ => Task.FromResult(summary), NullLogger<BgpGauges>.Instance);

        Assert.Empty(Collect(h.Metrics.Meter, "meshd_bgp_peer_established")); // nothing before FRR answered once
        Assert.True(await gauges.RefreshAsync(Ct));

        var established = Collect(h.Metrics.Meter, "meshd_bgp_peer_established");
        Assert.Equal(neighbours.Order(), established.Keys.Select(k => k.Neighbor).Order());
        var row = established.Single(kv => kv.Key.Neighbor == up);
        Assert.Equal(("Established", 1.0), (row.Key.State, row.Value));
        Assert.NotEqual(up, row.Key.Peer); // named after the WireGuard peer that carries the VTEP
        Assert.All(established.Where(kv => kv.Key.Neighbor != up), kv => Assert.Equal(("absent", 0.0), (kv.Key.State, kv.Value)));
        Assert.Equal(300.0, Collect(h.Metrics.Meter, "meshd_bgp_peer_state_seconds").Single(kv => kv.Key.Neighbor == up).Value);
        Assert.Equal(7.0, Collect(h.Metrics.Meter, "meshd_bgp_peer_prefixes_received").Single(kv => kv.Key.Neighbor == up).Value);
    }

    [Fact]
    public async Task Frr_not_answering_drops_the_series_instead_of_reporting_stale_state()
    {
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", new ManualTimeProvider(T0));
        await h.Loop.PassAsync(["startup"], Ct);
        var up = h.Loop.CurrentPlan!.Evpn.Neighbors[0].ToString();
        var calls = 0;
        var gauges = new BgpGauges(h.Options, h.Metrics, h.Loop,
            _ => ++calls == 1
                ? Task.FromResult(new EvpnSummary("10.255.0.1", 65000, [new EvpnPeerStatus(up, 65000, "Established", TimeSpan.FromSeconds(9), 1, 1, 1, 0)]))
                : throw new FrrException(FrrErrorReason.NotRunning, "vtysh: bgpd is not running"),
            NullLogger<BgpGauges>.Instance);

        Assert.True(await gauges.RefreshAsync(Ct));
        Assert.NotEmpty(Collect(h.Metrics.Meter, "meshd_bgp_peer_established"));
        Assert.False(await gauges.RefreshAsync(Ct));
        Assert.Empty(Collect(h.Metrics.Meter, "meshd_bgp_peer_established"));
    }

    private static Dictionary<(string Neighbor, string Peer, string State), double> Collect(Meter meter, string instrument)
    {
        var values = new Dictionary<(string, string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, meter) && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string neighbor = "?", peer = "?", state = "?";
            foreach (var t in tags)
            {
                switch (t.Key)
                {
                    case "neighbor": neighbor = (string)t.Value!; break;
                    case "peer": peer = (string)t.Value!; break;
                    case "state": state = (string)t.Value!; break;
                }
            }

            values[(neighbor, peer, state)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}

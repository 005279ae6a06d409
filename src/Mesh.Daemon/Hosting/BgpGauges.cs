using System.Diagnostics.Metrics;
using Frr;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Mesh.Planning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Hosting;

/// <summary>
/// BGP session gauges on the "meshd" meter: per planned EVPN neighbour, whether the session is established, how long
/// it has been in its state and how many prefixes it sent us. FRR is asked in the background (every
/// <see cref="Interval"/>, only when the metrics endpoint is on) so a scrape never waits for vtysh; each series carries
/// the FSM state as a label, and a neighbour FRR does not know is reported as state <c>absent</c>.
/// </summary>
public sealed partial class BgpGauges : BackgroundService
{
    /// <summary>How often FRR is asked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly DaemonOptions _options;
    private readonly ReconcileMetrics _metrics;
    private readonly ReconcileLoop _loop;
    private readonly Func<CancellationToken, Task<EvpnSummary>> _summary;
    private readonly ILogger<BgpGauges> _log;
    private volatile Snapshot? _last;

    /// <summary>Creates the gauges; FRR is read through <paramref name="frr"/>'s instance.</summary>
    public BgpGauges(DaemonOptions options, ReconcileMetrics metrics, ReconcileLoop loop, FrrSubsystem frr, ILogger<BgpGauges> log)
        : this(options, metrics, loop, ct => new FrrStatus(frr.Instance).GetSummaryAsync(ct), log)
    {
    }

    /// <summary>Creates the gauges with another source of the EVPN summary (tests).</summary>
    public BgpGauges(DaemonOptions options, ReconcileMetrics metrics, ReconcileLoop loop, Func<CancellationToken, Task<EvpnSummary>> summary, ILogger<BgpGauges> log)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options;
        _metrics = metrics;
        _loop = loop;
        _summary = summary;
        _log = log;
        _metrics.Meter.CreateObservableGauge("meshd_bgp_peer_established", () => Measure(p => p?.IsEstablished == true ? 1 : 0), description: "1 when the EVPN BGP session with the peer is established");
        _metrics.Meter.CreateObservableGauge("meshd_bgp_peer_state_seconds", () => Measure(p => p?.Uptime.TotalSeconds ?? double.NaN), "s", "Seconds the EVPN BGP session has been in its current state");
        _metrics.Meter.CreateObservableGauge("meshd_bgp_peer_prefixes_received", () => Measure(p => p?.PrefixesReceived ?? double.NaN), description: "EVPN prefixes received from the peer");
    }

    /// <summary>Asks FRR once and keeps the answer for the gauges; false (and the old answer dropped) when FRR did not answer.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            _last = new Snapshot(await _summary(timeout.Token));
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // a metrics poller must never stop the daemon: FrrException, a timeout, vtysh missing...
            _last = null;
            LogUnavailable(e.Message);
            return false;
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(_options.Metrics))
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (_loop.CurrentPlan is { Evpn.Neighbors.Count: > 0 })
            {
                await RefreshAsync(stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<double>> Measure(Func<EvpnPeerStatus?, double> value)
    {
        var plan = _loop.CurrentPlan;
        var last = _last;
        if (plan is null || last is null)
        {
            yield break;
        }

        foreach (var n in plan.Evpn.Neighbors)
        {
            var address = n.ToString();
            var peer = last.Summary.Peers.FirstOrDefault(p => p.Address == address);
            var owner = Owner(plan, n);
            yield return new Measurement<double>(value(peer),
                new KeyValuePair<string, object?>("neighbor", address),
                new KeyValuePair<string, object?>("peer", owner?.Name ?? address),
                new KeyValuePair<string, object?>("site", owner?.Site ?? string.Empty),
                new KeyValuePair<string, object?>("state", peer?.State ?? "absent"));
        }
    }

    private static WireGuardPeerPlan? Owner(NodePlan plan, System.Net.IPAddress vtep) =>
        plan.WireGuard.Peers.FirstOrDefault(p => p.AllowedIps.Any(a => a.Contains(vtep)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "BGP gauges: FRR did not answer ({Reason})")]
    private partial void LogUnavailable(string reason);

    private sealed record Snapshot(EvpnSummary Summary);
}

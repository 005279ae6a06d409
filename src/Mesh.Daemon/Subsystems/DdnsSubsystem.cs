using System.Net;
using Mesh.Daemon.Ddns;
using Mesh.Daemon.Reconcile;
using Mesh.Planning;
using Microsoft.Extensions.Logging;
using WireGuard;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// One DDNS watcher per peer whose endpoint is a DNS name: re-resolved by TTL, applied to the device without
/// fighting roaming (see <see cref="DdnsWatcher"/>). Watchers start and stop as peers come and go in the plan.
/// </summary>
public sealed class DdnsSubsystem : ISubsystem, IDisposable
{
    private readonly Func<IEndpointResolver> _resolverFactory;
    private readonly IWireGuardEndpointControl _control;
    private readonly ILoggerFactory _loggers;
    private readonly DdnsOptions? _ddnsOptions;
    private readonly TimeProvider? _time;
    private readonly DdnsMetrics _metrics = new();
    private readonly Dictionary<DdnsEndpoint, (DdnsWatcher Watcher, CancellationTokenSource Stop, Task Run)> _watchers = [];
    private readonly List<(CancellationTokenSource Stop, Task Run)> _stopping = [];
    private readonly Lock _gate = new();
    private IEndpointResolver? _resolver;

    /// <summary>Creates the subsystem: the system's DNS resolver, endpoints set on the WireGuard subsystem's device.</summary>
    public DdnsSubsystem(WireGuardSubsystem wireguard, ILoggerFactory loggers)
        : this(() => new DnsEndpointResolver(new DnsResolverOptions()), new DeviceEndpointControl(() => wireguard.Device), loggers)
    {
    }

    /// <summary>Creates the subsystem over another resolver and device control (tests, other dataplanes).</summary>
    public DdnsSubsystem(Func<IEndpointResolver> resolver, IWireGuardEndpointControl control, ILoggerFactory loggers, DdnsOptions? options = null, TimeProvider? time = null)
    {
        _resolverFactory = resolver;
        _control = control;
        _loggers = loggers;
        _ddnsOptions = options;
        _time = time;
    }

    /// <inheritdoc/>
    public string Name => "ddns";

    /// <summary>Snapshots of every watcher, for `meshctl peers`.</summary>
    public IReadOnlyList<DdnsSnapshot> Snapshots()
    {
        lock (_gate)
        {
            return [.. _watchers.Values.Select(w => w.Watcher.Snapshot())];
        }
    }

    /// <inheritdoc/>
    public Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _resolver ??= _resolverFactory();
        var wanted = new HashSet<DdnsEndpoint>();
        foreach (var p in plan.WireGuard.Peers)
        {
            if (p.EndpointHost is { } host && p.EndpointPort is { } port && !IPAddress.TryParse(host, out _))
            {
                wanted.Add(DdnsEndpoint.Create(WireGuardDesired.PublicKey(p), host, port, p.Name));
            }
        }

        var started = 0;
        var stopped = 0;
        lock (_gate)
        {
            _stopping.RemoveAll(w => w.Run.IsCompleted && Disposed(w.Stop));
            foreach (var gone in _watchers.Keys.Where(k => !wanted.Contains(k)).ToList())
            {
                var (_, stop, run) = _watchers[gone];
                stop.Cancel();
                _stopping.Add((stop, run));
                _watchers.Remove(gone);
                stopped++;
            }

            foreach (var endpoint in wanted.Where(e => !_watchers.ContainsKey(e)))
            {
                var watcher = new DdnsWatcher(endpoint, _resolver, _control, _ddnsOptions, _metrics, _loggers.CreateLogger<DdnsWatcher>(), _time);
                var stop = new CancellationTokenSource();
                _watchers[endpoint] = (watcher, stop, Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None));
                started++;
            }
        }

        var failing = Snapshots().Where(s => s.LastError is not null).ToList();
        var message = $"{wanted.Count} name(s) watched" + (failing.Count > 0 ? $", failing: {string.Join(", ", failing.Select(f => $"{f.HostName} ({f.LastError})"))}" : string.Empty);
        if (started + stopped > 0)
        {
            return Task.FromResult(SubsystemResult.Changed(started + stopped, $"{message} (+{started} -{stopped})"));
        }

        return Task.FromResult(failing.Count > 0
            ? new SubsystemResult(Mesh.Control.Health.Degraded, 0, message)
            : SubsystemResult.Unchanged(message));
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<(CancellationTokenSource Stop, Task Run)> all;
        lock (_gate)
        {
            all = [.. _watchers.Values.Select(w => (w.Stop, w.Run)), .. _stopping];
            _watchers.Clear();
            _stopping.Clear();
        }

        foreach (var (stop, _) in all)
        {
            await stop.CancelAsync();
        }

        // watchers end on cancellation; a fault was already reported in their snapshot and log
        await Task.WhenAny(Task.WhenAll(all.Select(w => w.Run)), Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        foreach (var (stop, _) in all)
        {
            stop.Dispose();
        }

        _metrics.Dispose();
    }

    /// <summary>The watchers still running (started and not yet finished after a stop).</summary>
    public int RunningWatchers
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Values.Count(w => !w.Run.IsCompleted) + _stopping.Count(w => !w.Run.IsCompleted);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var w in _watchers.Values.Select(w => w.Stop).Concat(_stopping.Select(w => w.Stop)))
            {
                w.Cancel();
                w.Dispose();
            }

            _watchers.Clear();
            _stopping.Clear();
        }

        _metrics.Dispose();
    }

    private static bool Disposed(CancellationTokenSource stop)
    {
        stop.Dispose();
        return true;
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Daemon.Ddns;

/// <summary>
/// Runs one <see cref="DdnsWatcher"/> per DNS-named peer endpoint of a WireGuard device and publishes
/// their snapshots. A watcher that throws stops the service's <see cref="Completion"/> with that error
/// (the host then stops and systemd restarts it); cancellation is the normal end.
/// </summary>
public sealed class DdnsService : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly DdnsWatcher[] _watchers;
    private readonly Task _completion;
    private readonly DdnsMetrics? _ownedMetrics;

    /// <summary>Starts watching <paramref name="endpoints"/> on the device behind <paramref name="control"/>.</summary>
    public DdnsService(
        IEnumerable<DdnsEndpoint> endpoints,
        IEndpointResolver resolver,
        IWireGuardEndpointControl control,
        DdnsOptions? options = null,
        DdnsMetrics? metrics = null,
        ILoggerFactory? loggers = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Mesh.Daemon.Ddns");
        if (metrics is null)
        {
            _ownedMetrics = new DdnsMetrics();
            metrics = _ownedMetrics;
        }

        _watchers = endpoints
            .DistinctBy(e => e.Peer)
            .Select(e => new DdnsWatcher(e, resolver, control, options, metrics, logger, time))
            .ToArray();
        _completion = Task.WhenAll(_watchers.Select(w => Task.Run(() => w.RunAsync(_stop.Token))));
    }

    /// <summary>Ends when every watcher ended (faulted if one failed).</summary>
    public Task Completion => _completion;

    /// <summary>Every endpoint's state, sorted by label, for `meshctl peers`.</summary>
    public IReadOnlyList<DdnsSnapshot> Snapshot() =>
        _watchers.Select(w => w.Snapshot()).OrderBy(s => s.Label, StringComparer.Ordinal).ToArray();

    /// <summary>Asks every watcher to resolve now (e.g. after a network change).</summary>
    public void NudgeAll()
    {
        foreach (var w in _watchers)
        {
            w.Nudge();
        }
    }

    /// <summary>Stops the watchers and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_completion); // cancellation or a fault is reported by Completion, not by Dispose
        _stop.Dispose();
        _ownedMetrics?.Dispose();
    }
}

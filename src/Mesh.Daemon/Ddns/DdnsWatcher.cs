using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Daemon.Ddns;

/// <summary>
/// Keeps one peer's endpoint in step with its DNS name: resolves, applies <see cref="EndpointPolicy"/>
/// through <see cref="IWireGuardEndpointControl"/>, and schedules the next lookup with
/// <see cref="ResolutionSchedule"/>. Failures never clear an endpoint. Lookups run one at a time
/// (<see cref="ResolveOnceAsync"/> is not reentrant; <see cref="RunAsync"/> is the only caller in the daemon).
/// </summary>
public sealed partial class DdnsWatcher
{
    private readonly IEndpointResolver _resolver;
    private readonly IWireGuardEndpointControl _control;
    private readonly DdnsOptions _options;
    private readonly DdnsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly Wakeup _wakeup = new();

    // state below: written only by the lookup in progress, read under _gate by Snapshot()
    private IPAddress? _address;
    private IPEndPoint? _baseline;
    private DateTimeOffset? _resolvedAt;
    private TimeSpan _ttl;
    private DateTimeOffset? _next;
    private string? _lastError;
    private int _failures;
    private DnsOutcome? _failingOutcome;
    private bool _controlFailing;
    private bool _peerAbsent;
    private EndpointDecision? _decision;

    /// <summary>Creates a watcher; <paramref name="time"/> and <paramref name="random"/> are injectable for tests.</summary>
    public DdnsWatcher(
        DdnsEndpoint endpoint,
        IEndpointResolver resolver,
        IWireGuardEndpointControl control,
        DdnsOptions? options = null,
        DdnsMetrics? metrics = null,
        ILogger? logger = null,
        TimeProvider? time = null,
        Random? random = null)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _options = options ?? new DdnsOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _metrics = metrics ?? new DdnsMetrics();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    /// <summary>The endpoint this watcher keeps current.</summary>
    public DdnsEndpoint Endpoint { get; }

    /// <summary>The state for `meshctl peers`.</summary>
    public DdnsSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            TimeSpan? left = _resolvedAt is { } at ? Max(TimeSpan.Zero, at + _ttl - now) : null;
            return new DdnsSnapshot(
                Endpoint.Label, Endpoint.HostName, Endpoint.Peer, _address, Endpoint.Port, _resolvedAt, left, _next,
                _lastError, _failures, _decision);
        }
    }

    /// <summary>Resolves now instead of waiting for the scheduled lookup (e.g. after a network change).</summary>
    public void Nudge() => _wakeup.Set();

    /// <summary>Resolves and reconciles until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = await ResolveOnceAsync(cancellationToken);
            await _wakeup.WaitAsync(delay, _time, cancellationToken);
        }
    }

    /// <summary>One lookup and reconciliation; returns the delay until the next lookup.</summary>
    public async Task<TimeSpan> ResolveOnceAsync(CancellationToken cancellationToken)
    {
        var result = await _resolver.ResolveAsync(Endpoint.HostName, cancellationToken);
        _metrics.Resolution(result.Outcome);
        var delay = result.Outcome == DnsOutcome.Resolved && result.Addresses.Count > 0
            ? await OnAnswerAsync(result, cancellationToken)
            : OnFailure(result);
        lock (_gate)
        {
            _next = _time.GetUtcNow() + delay;
        }

        return delay;
    }

    private async Task<TimeSpan> OnAnswerAsync(DnsResolution result, CancellationToken cancellationToken)
    {
        var previous = _address;
        if (_failures > 0)
        {
            DdnsLog.ResolutionRecovered(_logger, Endpoint.Label, Endpoint.HostName, _failures);
        }

        var (readOk, peer) = await ReadPeerAsync(cancellationToken);
        var chosen = Choose(result.Addresses, previous, peer?.Endpoint?.Address);
        if (previous is null)
        {
            DdnsLog.FirstAnswer(_logger, Endpoint.Label, Endpoint.HostName, chosen, result.Ttl.TotalSeconds);
        }
        else if (!previous.Equals(chosen))
        {
            _metrics.Change();
            DdnsLog.AddressChanged(_logger, Endpoint.Label, Endpoint.HostName, previous, chosen, result.Ttl.TotalSeconds);
        }

        lock (_gate)
        {
            _address = chosen;
            _resolvedAt = _time.GetUtcNow();
            _ttl = result.Ttl;
            _failures = 0;
            _failingOutcome = null;
            _lastError = readOk ? null : _lastError;
        }

        var resolvedEndpoint = new IPEndPoint(chosen, Endpoint.Port);
        var failed = !readOk;
        if (readOk && peer is null)
        {
            if (!_peerAbsent)
            {
                DdnsLog.PeerAbsent(_logger, Endpoint.Label, resolvedEndpoint);
            }

            _peerAbsent = true;
        }
        else if (readOk && peer is not null)
        {
            _peerAbsent = false;
            failed = !await ReconcileAsync(peer, resolvedEndpoint, cancellationToken);
        }

        if (!failed)
        {
            ControlOk();
        }

        var delay = failed
            ? ResolutionSchedule.AfterFailure(1, _options, _random.NextDouble())
            : ResolutionSchedule.AfterAnswer(result.Ttl, _options, _random.NextDouble());
        if (previous is not null && previous.Equals(chosen) && !failed)
        {
            DdnsLog.Unchanged(_logger, Endpoint.Label, Endpoint.HostName, chosen, delay);
        }

        return delay;
    }

    private TimeSpan OnFailure(DnsResolution result)
    {
        var error = result.Error ?? $"{result.Outcome}";
        if (_failingOutcome != result.Outcome)
        {
            DdnsLog.ResolutionFailing(
                _logger, Endpoint.Label, Endpoint.HostName, result.Outcome, error,
                _address is null ? "no endpoint (the peer can still connect to us)" : $"{_address}:{Endpoint.Port}");
        }

        _metrics.Failure(result.Outcome);
        lock (_gate)
        {
            _failures++;
            _failingOutcome = result.Outcome;
            _lastError = error;
        }

        return ResolutionSchedule.AfterFailure(_failures, _options, _random.NextDouble());
    }

    private static IPAddress Choose(IReadOnlyList<IPAddress> addresses, IPAddress? previous, IPAddress? current)
    {
        // several records: stay on the one in use instead of flapping with the server's order
        if (previous is not null && addresses.Contains(previous))
        {
            return previous;
        }

        var mapped = current is { IsIPv4MappedToIPv6: true } ? current.MapToIPv4() : current;
        return mapped is not null && addresses.Contains(mapped) ? mapped : addresses[0];
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

using System.Net;
using Mesh.Daemon.Ddns;
using Microsoft.Extensions.Logging;
using WireGuard;
using WireGuard.Device;

namespace Mesh.Daemon.Tests.Ddns;

/// <summary>A clock that moves only when told; timers fire synchronously inside <see cref="Advance"/>.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var t = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(t);
        }

        t.Change(dueTime, period);
        return t;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due is { } d && d <= _now).ToList();
            foreach (var t in due)
            {
                t.Due = null;
            }
        }

        foreach (var t in due)
        {
            t.Fire();
        }
    }

    private void Remove(ManualTimer t)
    {
        lock (_gate)
        {
            _timers.Remove(t);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Random whose samples are fixed (0 = no jitter).</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}

/// <summary>A resolver returning whatever the test sets.</summary>
internal sealed class FakeResolver : IEndpointResolver
{
    private readonly SemaphoreSlim _called = new(0);

    public DnsResolution Next { get; set; } = Fail(DnsOutcome.Failed, "not set");

    public int Calls { get; private set; }

    public static DnsResolution Answer(int ttlSeconds, params string[] addresses) =>
        new(DnsOutcome.Resolved, addresses.Select(IPAddress.Parse).ToArray(), TimeSpan.FromSeconds(ttlSeconds), ["wro.mesh.test"], null);

    public static DnsResolution Fail(DnsOutcome outcome, string error) =>
        DnsResolution.Failure(outcome, ["wro.mesh.test"], error);

    public Task<DnsResolution> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        Calls++;
        _called.Release();
        return Task.FromResult(Next);
    }

    public Task<bool> WaitCallAsync(TimeSpan timeout) => _called.WaitAsync(timeout);
}

/// <summary>An in-memory dataplane with one or more peers.</summary>
internal sealed class FakeControl : IWireGuardEndpointControl
{
    public Dictionary<Key, PeerEndpointState> Peers { get; } = [];

    public List<(Key Peer, IPEndPoint Endpoint)> Sets { get; } = [];

    public Exception? FailGet { get; set; }

    public Exception? FailSet { get; set; }

    public Task<IReadOnlyList<PeerEndpointState>> GetPeersAsync(CancellationToken cancellationToken) =>
        FailGet is { } e ? Task.FromException<IReadOnlyList<PeerEndpointState>>(e) : Task.FromResult<IReadOnlyList<PeerEndpointState>>(Peers.Values.ToArray());

    public Task SetEndpointAsync(Key peer, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        if (FailSet is { } e)
        {
            return Task.FromException(e);
        }

        if (!Peers.TryGetValue(peer, out var p))
        {
            return Task.FromException(new WireGuardConfigException(22, "no such peer"));
        }

        Sets.Add((peer, endpoint));
        Peers[peer] = p with { Endpoint = endpoint };
        return Task.CompletedTask;
    }
}

/// <summary>Collects log events.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, int Id, string Message)> Events { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Events)
        {
            Events.Add((logLevel, eventId.Id, formatter(state, exception)));
        }
    }

    public int Count(int id)
    {
        lock (Events)
        {
            return Events.Count(e => e.Id == id);
        }
    }
}

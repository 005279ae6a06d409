using System.Diagnostics.Metrics;
using System.Net;
using Mesh.Daemon.Ddns;
using WireGuard;
using WireGuard.Device;

namespace Mesh.Daemon.Tests.Ddns;

public sealed class DdnsWatcherTests : IDisposable
{
    private static readonly Key PeerKey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeResolver _dns = new();
    private readonly FakeControl _wg = new();
    private readonly ListLogger _log = new();
    private readonly DdnsMetrics _metrics = new();
    private readonly DdnsWatcher _watcher;

    public DdnsWatcherTests()
    {
        _wg.Peers[PeerKey] = new PeerEndpointState(PeerKey, null, null);
        _watcher = new DdnsWatcher(
            DdnsEndpoint.Create(PeerKey, "wro.mesh.test", 51820, "wro"), _dns, _wg,
            new DdnsOptions(), _metrics, _log, _time, new FixedRandom(0));
    }

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_answer_fills_in_a_peer_without_endpoint_and_waits_the_ttl()
    {
        _dns.Next = FakeResolver.Answer(30, "198.51.100.10");

        var delay = await _watcher.ResolveOnceAsync(Ct);

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
        Assert.Equal([(PeerKey, Ep("198.51.100.10"))], _wg.Sets);
        var snap = _watcher.Snapshot();
        Assert.Equal(IPAddress.Parse("198.51.100.10"), snap.Address);
        Assert.Equal(TimeSpan.FromSeconds(30), snap.TtlLeft);
        Assert.Equal(_time.GetUtcNow() + delay, snap.NextLookup);
        Assert.Equal(new EndpointDecision(EndpointAction.Apply, EndpointReason.NoEndpoint), snap.LastDecision);
        Assert.Equal(1, _log.Count(6001));
        Assert.Equal(1, _log.Count(6003));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(2, 5)]
    [InlineData(7200, 3600)]
    public async Task Ttl_is_clamped(int ttl, int expected)
    {
        _dns.Next = FakeResolver.Answer(ttl, "198.51.100.10");
        Assert.Equal(TimeSpan.FromSeconds(expected), await _watcher.ResolveOnceAsync(Ct));
    }

    [Fact]
    public async Task Ttl_left_counts_down_with_the_clock()
    {
        _dns.Next = FakeResolver.Answer(30, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(18), _watcher.Snapshot().TtlLeft);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, _watcher.Snapshot().TtlLeft);
    }

    [Fact]
    public async Task Address_change_is_applied_when_the_peer_follows_dns()
    {
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        Handshake(Ep("198.51.100.10"), TimeSpan.FromSeconds(1));

        _dns.Next = FakeResolver.Answer(5, "198.51.100.20");
        await _watcher.ResolveOnceAsync(Ct);

        Assert.Equal(Ep("198.51.100.20"), _wg.Sets[^1].Endpoint);
        Assert.Equal(EndpointReason.FollowsDns, _watcher.Snapshot().LastDecision?.Reason);
        Assert.Equal(1, _log.Count(6002));
    }

    [Fact]
    public async Task Fresh_roamed_endpoint_is_not_overridden_and_is_logged_once()
    {
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        var sets = _wg.Sets.Count;
        Handshake(Ep("198.51.100.20"), TimeSpan.FromSeconds(2)); // authenticated traffic came from .20

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            Handshake(Ep("198.51.100.20"), TimeSpan.FromSeconds(1));
            await _watcher.ResolveOnceAsync(Ct);
        }

        Assert.Equal(sets, _wg.Sets.Count);
        Assert.Equal(Ep("198.51.100.20"), _wg.Peers[PeerKey].Endpoint);
        Assert.Equal(1, _log.Count(6004));
        Assert.Equal(EndpointAction.KeepRoamed, _watcher.Snapshot().LastDecision?.Action);
    }

    [Fact]
    public async Task Stale_handshake_gives_dns_the_endpoint_back()
    {
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        Handshake(Ep("203.0.113.9"), TimeSpan.FromSeconds(136));

        await _watcher.ResolveOnceAsync(Ct);

        Assert.Equal(Ep("198.51.100.10"), _wg.Peers[PeerKey].Endpoint);
        Assert.Equal(EndpointReason.HandshakeStale, _watcher.Snapshot().LastDecision?.Reason);
    }

    [Fact]
    public async Task Failures_keep_the_last_address_back_off_and_log_once_per_transition()
    {
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        var sets = _wg.Sets.Count;

        _dns.Next = FakeResolver.Fail(DnsOutcome.Failed, "connection refused");
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            delays.Add(await _watcher.ResolveOnceAsync(Ct));
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], delays.Select(d => (int)d.TotalSeconds));
        Assert.Equal(sets, _wg.Sets.Count);
        Assert.Equal(Ep("198.51.100.10"), _wg.Peers[PeerKey].Endpoint);
        var snap = _watcher.Snapshot();
        Assert.Equal(IPAddress.Parse("198.51.100.10"), snap.Address);
        Assert.Equal(8, snap.ConsecutiveFailures);
        Assert.Equal("connection refused", snap.LastError);
        Assert.Equal(1, _log.Count(6005));

        _dns.Next = FakeResolver.Fail(DnsOutcome.NxDomain, "wro.mesh.test does not exist");
        await _watcher.ResolveOnceAsync(Ct);
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Equal(2, _log.Count(6005));
        Assert.Equal(10, _watcher.Snapshot().ConsecutiveFailures);

        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        Assert.Equal(TimeSpan.FromSeconds(5), await _watcher.ResolveOnceAsync(Ct));
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Equal(1, _log.Count(6006));
        Assert.Equal(0, _watcher.Snapshot().ConsecutiveFailures);
        Assert.Null(_watcher.Snapshot().LastError);
    }

    [Fact]
    public async Task Boot_without_dns_leaves_the_peer_without_endpoint_until_the_name_resolves()
    {
        _dns.Next = FakeResolver.Fail(DnsOutcome.Failed, "timeout");
        await _watcher.ResolveOnceAsync(Ct);
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Empty(_wg.Sets);
        Assert.Null(_wg.Peers[PeerKey].Endpoint);
        Assert.Null(_watcher.Snapshot().Address);

        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Equal(Ep("198.51.100.10"), _wg.Peers[PeerKey].Endpoint);
    }

    [Fact]
    public async Task Dataplane_failure_is_retried_and_the_move_still_applied()
    {
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        Handshake(Ep("198.51.100.10"), TimeSpan.FromSeconds(1));
        _dns.Next = FakeResolver.Answer(5, "198.51.100.20");
        _wg.FailSet = new IOException("socket gone");

        var delay = await _watcher.ResolveOnceAsync(Ct);
        await _watcher.ResolveOnceAsync(Ct);

        Assert.Equal(TimeSpan.FromSeconds(1), delay);
        Assert.Equal(1, _log.Count(6007));
        Assert.Equal("socket gone", _watcher.Snapshot().LastError);
        _wg.FailSet = null;
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Equal(Ep("198.51.100.20"), _wg.Peers[PeerKey].Endpoint);
    }

    [Fact]
    public async Task Absent_peer_is_not_created()
    {
        _wg.Peers.Clear();
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Empty(_wg.Sets);
        Assert.Equal(1, _log.Count(6008));
    }

    [Fact]
    public async Task Several_addresses_do_not_flap()
    {
        _dns.Next = FakeResolver.Answer(5, "198.51.100.30", "198.51.100.40");
        await _watcher.ResolveOnceAsync(Ct);
        _dns.Next = FakeResolver.Answer(5, "198.51.100.10", "198.51.100.30");
        await _watcher.ResolveOnceAsync(Ct);
        Assert.Single(_wg.Sets);
        Assert.Equal(IPAddress.Parse("198.51.100.30"), _watcher.Snapshot().Address);
    }

    [Fact]
    public async Task Counters_are_published_on_the_meshd_ddns_meter()
    {
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, _metrics.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => totals[i.Name] = totals.GetValueOrDefault(i.Name) + v);
        listener.Start();

        _dns.Next = FakeResolver.Answer(5, "198.51.100.10");
        await _watcher.ResolveOnceAsync(Ct);
        _dns.Next = FakeResolver.Fail(DnsOutcome.NxDomain, "gone");
        await _watcher.ResolveOnceAsync(Ct);
        _dns.Next = FakeResolver.Answer(5, "198.51.100.20");
        await _watcher.ResolveOnceAsync(Ct);

        Assert.Equal("meshd.ddns", _metrics.Meter.Name);
        Assert.Equal(3, totals["meshd.ddns.resolutions"]);
        Assert.Equal(1, totals["meshd.ddns.failures"]);
        Assert.Equal(1, totals["meshd.ddns.changes"]);
        Assert.Equal(2, totals["meshd.ddns.endpoint_updates"]);
    }

    [Fact]
    public async Task Run_loop_waits_the_scheduled_delay_on_the_injected_clock_and_wakes_on_nudge()
    {
        _dns.Next = FakeResolver.Answer(30, "198.51.100.10");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = _watcher.RunAsync(cts.Token);
        Assert.True(await _dns.WaitCallAsync(TimeSpan.FromSeconds(5)));
        await WaitForTimerAsync();

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await _dns.WaitCallAsync(TimeSpan.FromMilliseconds(100)));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await _dns.WaitCallAsync(TimeSpan.FromSeconds(5)));
        await WaitForTimerAsync();

        _watcher.Nudge();
        Assert.True(await _dns.WaitCallAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(3, _dns.Calls);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private async Task WaitForTimerAsync()
    {
        for (var i = 0; i < 500 && _time.ActiveTimers == 0; i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(1, _time.ActiveTimers);
    }

    private void Handshake(IPEndPoint from, TimeSpan ago) =>
        _wg.Peers[PeerKey] = new PeerEndpointState(PeerKey, from, _time.GetUtcNow() - ago);

    private static IPEndPoint Ep(string address) => new(IPAddress.Parse(address), 51820);

    public void Dispose() => _metrics.Dispose();
}

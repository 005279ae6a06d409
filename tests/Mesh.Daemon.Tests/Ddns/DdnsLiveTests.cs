using System.Diagnostics;
using System.Net;
using Mesh.Daemon.Ddns;
using TestSupport;

namespace Mesh.Daemon.Tests.Ddns;

/// <summary>
/// End to end, as root: a real authoritative DNS server (Knot on 127.0.0.1), two wireguard-go peers in
/// namespaces, and the DDNS watcher in this process driving roz's peer endpoint through UAPI.
/// </summary>
public sealed class DdnsLiveTests
{
    private static readonly IPEndPoint Wro10 = new(IPAddress.Parse("198.51.100.10"), WgPair.Port);
    private static readonly IPEndPoint Wro20 = new(IPAddress.Parse("198.51.100.20"), WgPair.Port);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Address_change_recovers_the_tunnel_within_ttl_plus_3_seconds()
    {
        Privileged.RequireRoot();
        using var dns = KnotServer.Run("wro 5 A 198.51.100.10");
        using var pair = WgPair.Create(wroKnowsRoz: false);
        await using var run = Watch(pair, dns, new DdnsOptions());

        Assert.NotNull(await pair.WaitRozEndpointAsync(Wro10, TimeSpan.FromSeconds(10), Ct));
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "tunnel did not come up");

        pair.MoveWro("198.51.100.20");
        var sw = Stopwatch.StartNew();
        dns.SetRecords("wro 5 A 198.51.100.20");
        var ok = WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(15));
        var recovery = sw.Elapsed;
        Report($"DDNS recovery after an address change (TTL 5 s): {recovery.TotalSeconds:F2} s from record update to first ping reply");

        Assert.True(ok, "tunnel did not recover within 15 s");
        Assert.Equal(Wro20, await pair.RozEndpointOfWroAsync(Ct));
        Assert.True(recovery <= TimeSpan.FromSeconds(5 + 3), $"recovery took {recovery.TotalSeconds:F2} s, more than TTL + 3 s");
        Assert.Equal(IPAddress.Parse("198.51.100.20"), run.Watcher.Snapshot().Address);
    }

    [Fact]
    public async Task Dns_down_at_boot_leaves_no_endpoint_then_fills_it_in()
    {
        Privileged.RequireRoot();
        using var dns = KnotServer.Run("wro 5 A 198.51.100.10");
        dns.Stop();
        using var pair = WgPair.Create(wroKnowsRoz: false);
        await using var run = Watch(pair, dns, new DdnsOptions { BackoffMax = TimeSpan.FromSeconds(2) });

        await WaitAsync(() => run.Watcher.Snapshot().ConsecutiveFailures >= 2, TimeSpan.FromSeconds(15));
        Assert.Null(await pair.RozEndpointOfWroAsync(Ct));
        Assert.NotNull(run.Watcher.Snapshot().LastError);

        dns.Start();
        var filled = await pair.WaitRozEndpointAsync(Wro10, TimeSpan.FromSeconds(10), Ct);
        Report($"DDNS endpoint filled in {filled?.TotalSeconds:F2} s after DNS came up (backoff max 2 s)");
        Assert.NotNull(filled);
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "tunnel did not come up");
        Assert.Equal(0, run.Watcher.Snapshot().ConsecutiveFailures);
    }

    [Fact]
    public async Task Dns_failing_later_keeps_the_last_endpoint_and_traffic_flowing()
    {
        Privileged.RequireRoot();
        using var dns = KnotServer.Run("wro 5 A 198.51.100.10");
        using var pair = WgPair.Create(wroKnowsRoz: false);
        await using var run = Watch(pair, dns, new DdnsOptions { MinInterval = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromSeconds(2) });
        Assert.NotNull(await pair.WaitRozEndpointAsync(Wro10, TimeSpan.FromSeconds(10), Ct));

        dns.Stop();
        await WaitAsync(() => run.Watcher.Snapshot().ConsecutiveFailures >= 3, TimeSpan.FromSeconds(20));

        Assert.Equal(Wro10, await pair.RozEndpointOfWroAsync(Ct));
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "traffic stopped while DNS was down");
        Assert.Equal(IPAddress.Parse("198.51.100.10"), run.Watcher.Snapshot().Address);

        dns.Start();
        await WaitAsync(() => run.Watcher.Snapshot().ConsecutiveFailures == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(Wro10, await pair.RozEndpointOfWroAsync(Ct));
    }

    [Fact]
    public async Task Roamed_endpoint_with_fresh_handshakes_is_not_overridden_by_a_stale_record()
    {
        Privileged.RequireRoot();
        using var dns = KnotServer.Run("wro 2 A 198.51.100.10");
        using var pair = WgPair.Create(wroKnowsRoz: true);
        var counting = new CountingResolver(Resolver(dns));
        await using var run = Watch(pair, counting, new DdnsOptions { MinInterval = TimeSpan.FromSeconds(1) });
        Assert.NotNull(await pair.WaitRozEndpointAsync(Wro10, TimeSpan.FromSeconds(10), Ct));
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "tunnel did not come up");

        // wro's address changes but the record is not updated; wro talks to roz from the new address
        pair.MoveWro("198.51.100.20");
        pair.WroForgetsStaleSource();
        Assert.True(WgPair.Ping(pair.Wro, WgPair.RozTunnel, TimeSpan.FromSeconds(5)), "wro could not reach roz");
        Assert.NotNull(await pair.WaitRozEndpointAsync(Wro20, TimeSpan.FromSeconds(5), Ct));

        var before = counting.Calls;
        await WaitAsync(() => counting.Calls >= before + 3, TimeSpan.FromSeconds(15));

        Assert.Equal(Wro20, await pair.RozEndpointOfWroAsync(Ct));
        Assert.Equal(EndpointAction.KeepRoamed, run.Watcher.Snapshot().LastDecision?.Action);
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "roz lost wro");
    }

    [Fact]
    public async Task Nxdomain_later_keeps_the_last_endpoint()
    {
        Privileged.RequireRoot();
        using var dns = KnotServer.Run("wro 2 A 198.51.100.10");
        using var pair = WgPair.Create(wroKnowsRoz: false);
        await using var run = Watch(pair, dns, new DdnsOptions { MinInterval = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromSeconds(2) });
        Assert.NotNull(await pair.WaitRozEndpointAsync(Wro10, TimeSpan.FromSeconds(10), Ct));

        dns.SetRecords("other 2 A 198.51.100.99");
        await WaitAsync(() => run.Watcher.Snapshot().ConsecutiveFailures >= 2, TimeSpan.FromSeconds(15));

        Assert.Contains("does not exist", run.Watcher.Snapshot().LastError, StringComparison.Ordinal);
        Assert.Equal(Wro10, await pair.RozEndpointOfWroAsync(Ct));
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "traffic stopped on NXDOMAIN");
    }

    [Fact]
    public async Task Both_sides_dynamic_each_follows_the_other()
    {
        Privileged.RequireRoot();
        using var dns = KnotServer.Run("wro 5 A 198.51.100.10\nroz 5 A 198.51.100.1");
        using var pair = WgPair.Create(wroKnowsRoz: false);
        await using var atRoz = Watch(pair, dns, new DdnsOptions());
        var rozName = DdnsEndpoint.Create(pair.RozPublic, "roz.mesh.test", WgPair.Port, "roz");
        await using var atWro = new WatchRun(new DdnsWatcher(rozName, Resolver(dns), new UapiEndpointControl(pair.WroUapi), new DdnsOptions()));
        var roz1 = new IPEndPoint(IPAddress.Parse("198.51.100.1"), WgPair.Port);
        var roz2 = new IPEndPoint(IPAddress.Parse("198.51.100.2"), WgPair.Port);
        Assert.NotNull(await pair.WaitRozEndpointAsync(Wro10, TimeSpan.FromSeconds(10), Ct));
        Assert.NotNull(await pair.WaitWroEndpointAsync(roz1, TimeSpan.FromSeconds(10), Ct));
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(5)), "tunnel did not come up");

        pair.MoveWro("198.51.100.20");
        var sw = Stopwatch.StartNew();
        dns.SetRecords("wro 5 A 198.51.100.20\nroz 5 A 198.51.100.1");
        Assert.True(WgPair.Ping(pair.Roz, WgPair.WroTunnel, TimeSpan.FromSeconds(15)), "roz did not reach wro after wro moved");
        Report($"DDNS both dynamic, wro moved: recovery {sw.Elapsed.TotalSeconds:F2} s (TTL 5 s)");

        pair.MoveRoz("198.51.100.2");
        sw.Restart();
        dns.SetRecords("wro 5 A 198.51.100.20\nroz 5 A 198.51.100.2");
        var ok = WgPair.Ping(pair.Wro, WgPair.RozTunnel, TimeSpan.FromSeconds(15));
        var recovery = sw.Elapsed;
        Report($"DDNS both dynamic, roz moved: recovery {recovery.TotalSeconds:F2} s (TTL 5 s)");
        Assert.True(ok, "wro did not reach roz after roz moved");
        Assert.Equal(roz2, await pair.WroEndpointOfRozAsync(Ct));
        Assert.True(recovery <= TimeSpan.FromSeconds(5 + 3), $"recovery took {recovery.TotalSeconds:F2} s, more than TTL + 3 s");
    }

    private static WatchRun Watch(WgPair pair, KnotServer dns, DdnsOptions options) => Watch(pair, Resolver(dns), options);

    private static WatchRun Watch(WgPair pair, IEndpointResolver resolver, DdnsOptions options)
    {
        var watcher = new DdnsWatcher(
            DdnsEndpoint.Create(pair.WroPublic, "wro.mesh.test", WgPair.Port, "wro"),
            resolver, new UapiEndpointControl(pair.RozUapi), options);
        return new WatchRun(watcher);
    }

    private static DnsEndpointResolver Resolver(KnotServer dns) =>
        new(new DnsResolverOptions { Servers = [dns.Endpoint], Timeout = TimeSpan.FromMilliseconds(500), Retries = 0 });

    private static async Task WaitAsync(Func<bool> condition, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < limit, $"condition not met within {limit.TotalSeconds} s");
            await Task.Delay(50, Ct);
        }
    }

    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
    }

    private sealed class WatchRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private readonly Task _task;

        public WatchRun(DdnsWatcher watcher)
        {
            Watcher = watcher;
            _task = Task.Run(() => watcher.RunAsync(_cts.Token));
        }

        public DdnsWatcher Watcher { get; }

        public async ValueTask DisposeAsync()
        {
            await _cts.CancelAsync();
            try
            {
                await _task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
            }

            _cts.Dispose();
        }
    }

    private sealed class CountingResolver(IEndpointResolver inner) : IEndpointResolver
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<DnsResolution> ResolveAsync(string hostName, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return inner.ResolveAsync(hostName, cancellationToken);
        }
    }
}

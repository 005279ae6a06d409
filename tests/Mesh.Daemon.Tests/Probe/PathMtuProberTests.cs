using System.Globalization;
using System.Net;
using Mesh.Cli.Rendering;
using Mesh.Control;
using Mesh.Daemon.Probe;

namespace Mesh.Daemon.Tests.Probe;

public sealed class PathMtuProberTests
{
    private static readonly IPAddress Target = IPAddress.Parse("10.2.0.1");

    [Fact]
    public void Probes_up_to_the_device_mtu_caches_the_result_and_exposes_it()
    {
        var echo = new FakeEcho(1340);
        var time = new StepTime();
        var prober = new PathMtuProber(echo, time);
        Assert.Null(prober.Get("b1"));

        var r = prober.Probe("b1", Target, 1440, "198.51.100.2:51820");

        Assert.Equal(1340, r.Mtu);
        Assert.Equal(1440, echo.Sizes.Max());
        Assert.All(echo.Sizes, s => Assert.InRange(s, 1280, 1440));
        Assert.All(echo.Targets, t => Assert.Equal(Target, t));
        Assert.Same(r, prober.Get("b1"));
        Assert.Same(r, prober.Results["b1"]);
        Assert.Equal(time.GetUtcNow(), r.At);
    }

    [Fact]
    public void A_short_result_is_searched_again_after_15_s_and_confirmed_only_when_the_second_search_agrees()
    {
        var time = new StepTime();
        var echo = new FakeEcho(1340);
        var prober = new PathMtuProber(echo, time);
        const string Endpoint = "198.51.100.2:51820";

        var first = prober.Probe("b1", Target, 1440, Endpoint);
        Assert.Equal((1340, false), (first.Mtu, first.Confirmed));
        time.Now += TimeSpan.FromSeconds(14);
        Assert.False(prober.IsDue("b1", Endpoint, null));
        time.Now += TimeSpan.FromSeconds(1);
        Assert.True(prober.IsDue("b1", Endpoint, null));

        var second = prober.Probe("b1", Target, 1440, Endpoint);
        Assert.Equal((1340, true), (second.Mtu, second.Confirmed));
        time.Now += TimeSpan.FromMinutes(9);
        Assert.False(prober.IsDue("b1", Endpoint, null)); // confirmed: back to the 10-minute interval

        var clean = new PathMtuProber(new FakeEcho(1500), time).Probe("b2", Target, 1440, Endpoint);
        Assert.Equal((1440, true), (clean.Mtu, clean.Confirmed)); // the device MTU needs no second opinion
    }

    [Fact]
    public void A_peer_is_due_when_never_probed_after_ten_minutes_or_after_a_handshake_over_a_new_endpoint()
    {
        var time = new StepTime();
        var prober = new PathMtuProber(new FakeEcho(1440), time);
        Assert.True(prober.IsDue("b1", "198.51.100.2:51820", time.GetUtcNow()));
        prober.Probe("b1", Target, 1440, "198.51.100.2:51820");

        time.Now += TimeSpan.FromMinutes(9);
        Assert.False(prober.IsDue("b1", "198.51.100.2:51820", time.GetUtcNow()));
        Assert.False(prober.IsDue("b1", "203.0.113.7:51820", time.GetUtcNow() - TimeSpan.FromMinutes(10))); // roamed, but no handshake since
        Assert.True(prober.IsDue("b1", "203.0.113.7:51820", time.GetUtcNow())); // handshake over the new endpoint
        time.Now += TimeSpan.FromMinutes(1);
        Assert.True(prober.IsDue("b1", "198.51.100.2:51820", time.GetUtcNow()));
    }

    [Fact]
    public void Peers_gone_from_the_plan_are_forgotten()
    {
        var prober = new PathMtuProber(new FakeEcho(1440), new StepTime());
        prober.Probe("b1", Target, 1440, null);
        prober.Probe("c1", Target, 1440, null);
        prober.Retain(new HashSet<string> { "c1" });
        Assert.Null(prober.Get("b1"));
        Assert.NotNull(prober.Get("c1"));
    }

    [Fact]
    public void Meshctl_peers_prints_the_probed_mtu_with_the_planned_one_when_they_differ()
    {
        var now = DateTimeOffset.Parse("2026-11-26T12:00:00Z", CultureInfo.InvariantCulture);
        PeerReport Row(string name, int? probed) => new(name, "b", "k", null, null, null, null, null, null, 0, 0, null, null, null, 1390, probed, probed is null ? null : now.AddMinutes(-2));
        using var w = new StringWriter { NewLine = "\n" };
        PeersText.Write(w, new PeersReport("a1", [Row("small", 1290), Row("same", 1390), Row("fresh", null)]), now);
        var lines = w.ToString().Split('\n');

        Assert.Contains(lines, l => l.StartsWith("small", StringComparison.Ordinal) && l.EndsWith(" 1290", StringComparison.Ordinal));
        Assert.Contains("small      1290 probed 2m00s ago (planned 1390)", lines);
        Assert.Contains("same       1390 probed 2m00s ago", lines);
        Assert.Contains("fresh      1390 planned (not probed yet)", lines);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
    }

    private sealed class FakeEcho(int pathMtu) : IEchoProbe
    {
        public List<int> Sizes { get; } = [];

        public List<IPAddress> Targets { get; } = [];

        public EchoResult Send(IPAddress target, int packetSize, TimeSpan timeout)
        {
            Sizes.Add(packetSize);
            Targets.Add(target);
            return packetSize <= pathMtu ? new EchoResult(EchoOutcome.Reply) : new EchoResult(EchoOutcome.Timeout);
        }
    }

    private sealed class StepTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.Parse("2026-11-26T12:00:00Z", CultureInfo.InvariantCulture);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

using Mesh.Control;
using Mesh.Daemon.Tests.Ddns;
using Mesh.Daemon.Tests.Reconcile;

namespace Mesh.Daemon.Tests.Control;

public sealed class ControlServerTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ControlHarness _h;

    public ControlServerTests() => _h = new ControlHarness(_time, new FakeSubsystem("wireguard"), FakeSubsystem.Throwing("frr", "bgpd is not running"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Status_returns_the_daemon_state()
    {
        await _h.Loop.Loop.PassAsync(["startup"], Ct);

        var r = await _h.Server.HandleAsync("""{"v":1,"command":"status"}""", Ct);

        Assert.True(r.Ok);
        Assert.Null(r.Error);
        var s = r.Status!;
        Assert.Equal(("roz1", "roz", "native", 1L), (s.Node, s.Site, s.Role, s.Reconciles));
        Assert.Equal(["frr", "wireguard"], s.Subsystems.Select(x => x.Name));
        Assert.Equal(Health.Failed, s.Subsystems[0].Health);
        Assert.Null(r.Peers);
        Assert.Null(r.Doctor);
    }

    [Fact]
    public async Task Peers_returns_the_rows_of_the_peer_source()
    {
        var r = await _h.Server.HandleAsync("""{"v":1,"command":"peers"}""", Ct);

        Assert.True(r.Ok);
        Assert.Equal(ControlHarness.SomePeers.Node, r.Peers!.Node);
        Assert.Equal(ControlHarness.SomePeers.Peers, r.Peers.Peers);
    }

    [Fact]
    public async Task Apply_enqueues_a_pass_and_answers_with_the_status()
    {
        var r = await _h.Server.HandleAsync("""{"v":1,"command":"apply"}""", Ct);

        Assert.True(r.Ok);
        Assert.Equal("roz1", r.Status!.Node);
        var reasons = await _h.Loop.Queue.WaitAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(["meshctl apply"], reasons);
    }

    [Fact]
    public async Task Doctor_before_any_plan_says_so_and_how_to_fix_it()
    {
        var r = await _h.Server.HandleAsync("""{"v":1,"command":"doctor"}""", Ct);

        Assert.True(r.Ok);
        var finding = Assert.Single(r.Doctor!.Findings);
        Assert.Equal(("plan", Verdict.Fail), (finding.Check, finding.Verdict));
        Assert.Contains("--node", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_reports_an_invalid_spec_on_disk()
    {
        _h.Loop.WriteSpec("mesh: [");
        await _h.Loop.Loop.PassAsync(["startup"], Ct);

        var r = await _h.Server.HandleAsync("""{"v":1,"command":"doctor"}""", Ct);

        var spec = r.Doctor!.Findings.First();
        Assert.Equal(("spec", Verdict.Fail), (spec.Check, spec.Verdict));
        Assert.Equal($"meshctl validate {_h.Loop.SpecPath}", spec.Fix);
    }

    [Theory]
    [InlineData("""{"v":1,"command":"frobnicate"}""", "unknown command 'frobnicate' (status, peers, doctor, apply)")]
    [InlineData("""{"v":2,"command":"status"}""", "protocol version 2 is not supported (meshd speaks 1)")]
    [InlineData("""{"command":"status"}""", "protocol version 0 is not supported")]
    [InlineData("{not json", "malformed request: ")]
    [InlineData("""{"v":"one","command":"status"}""", "malformed request: ")]
    [InlineData("null", "empty request")]
    [InlineData("", "malformed request: ")]
    public async Task Bad_requests_get_an_error_that_says_what_is_wrong(string line, string error)
    {
        var r = await _h.Server.HandleAsync(line, Ct);

        Assert.False(r.Ok);
        Assert.Equal(ControlProtocol.Version, r.Version);
        Assert.StartsWith(error, r.Error, StringComparison.Ordinal);
        Assert.Null(r.Status);
    }

    [Fact]
    public async Task A_request_without_a_command_is_refused()
    {
        var r = await _h.Server.HandleAsync("""{"v":1}""", Ct);

        Assert.False(r.Ok);
        Assert.Contains("command", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_throws_is_answered_with_the_error()
    {
        using var broken = new ControlHarness(_time, new BrokenPeers());

        var r = await broken.Server.HandleAsync("""{"v":1,"command":"peers"}""", Ct);

        Assert.False(r.Ok);
        Assert.Equal("meshd failed to answer: netlink dump interrupted; see journalctl -u meshd", r.Error);
    }
}

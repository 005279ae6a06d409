using System.Diagnostics;

namespace Frr.Tests;

public sealed class FrrStatusTests
{
    [Fact]
    public async Task Summary_parses_recorded_peers()
    {
        using var fake = FakeVtysh.Recorded();
        var summary = await new FrrStatus(fake.Instance()).GetSummaryAsync(TestContext.Current.CancellationToken);

        Assert.Equal("192.0.2.1", summary.RouterId);
        Assert.Equal(65000, summary.As);
        Assert.Equal(2, summary.Peers.Count);
        var up = summary.Peers[0];
        Assert.Equal(new EvpnPeerStatus("192.0.2.2", 65000, "Established", TimeSpan.FromSeconds(23), 2, 3, 1, 0), up);
        Assert.True(up.IsEstablished);
        Assert.False(summary.Peers[1].IsEstablished);
        Assert.Equal("Active", summary.Peers[1].State);
        Assert.Equal(["-N frrtest -c show bgp l2vpn evpn summary json"], fake.LoggedArgs);
    }

    [Fact]
    public async Task Vnis_and_routes_parse_recorded_output()
    {
        using var fake = FakeVtysh.Recorded();
        var status = await new FrrStatus(fake.Instance(pathspace: null)).GetAsync(TestContext.Current.CancellationToken);

        var vni = Assert.Single(status.Vnis);
        Assert.Equal(new EvpnVniStatus(100, "L2", "vxlan100", 1, "default", ["192.0.2.2"]), vni);
        Assert.Equal(
            [new EvpnRouteCounts("192.0.2.1:2", 1, 1, 0, 0), new EvpnRouteCounts("192.0.2.2:2", 1, 1, 0, 0)],
            status.Routes);
        Assert.DoesNotContain(fake.LoggedArgs, a => a.Contains("-N", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_summary_means_no_peers()
    {
        var summary = StatusParsers.ParseSummary("{}\n");
        Assert.Empty(summary.Peers);
        Assert.Equal(0, summary.As);
    }

    [Fact]
    public void Empty_output_of_an_unconfigured_frr_is_empty_status()
    {
        // recorded from FRR 8.4.4 with bgpd running and no `router bgp`: `{}` for the summary, nothing for these
        Assert.Empty(StatusParsers.ParseVnis(string.Empty));
        Assert.Empty(StatusParsers.ParseRoutes("\n"));
    }

    [Fact]
    public void Garbage_output_is_a_clear_error()
    {
        var e = Assert.Throws<FrrException>(() => StatusParsers.ParseVnis("% Unknown command: show evpn vni json"));
        Assert.Equal(FrrErrorReason.BadOutput, e.Reason);
        Assert.Contains("show evpn vni json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_zero_exit_is_command_failed_with_output()
    {
        using var fake = FakeVtysh.Create("echo '% Ambiguous command.' >&2; exit 2");
        var e = await Assert.ThrowsAsync<FrrException>(() => new FrrStatus(fake.Instance()).GetVnisAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.CommandFailed, e.Reason);
        Assert.Contains("exited 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("Ambiguous command", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_daemons_is_not_running()
    {
        using var fake = FakeVtysh.Create("echo 'Exiting: failed to connect to any daemons.' >&2; exit 1");
        var e = await Assert.ThrowsAsync<FrrException>(() => new FrrStatus(fake.Instance()).GetSummaryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.NotRunning, e.Reason);
        Assert.Contains("frrtest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_down_is_not_running()
    {
        using var fake = FakeVtysh.Create("echo 'bgpd is not running'; exit 0");
        var e = await Assert.ThrowsAsync<FrrException>(() => new FrrStatus(fake.Instance()).GetSummaryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.NotRunning, e.Reason);
        Assert.StartsWith("bgpd is not running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hanging_vtysh_times_out()
    {
        using var fake = FakeVtysh.Create("exec sleep 30");
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<FrrException>(() => new FrrStatus(fake.Instance(timeoutSeconds: 0.3)).GetSummaryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.Timeout, e.Reason);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "the hanging process was not stopped");
    }

    [Fact]
    public async Task Caller_cancellation_is_operation_canceled()
    {
        using var fake = FakeVtysh.Create("exec sleep 30");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FrrStatus(fake.Instance()).GetSummaryAsync(cts.Token));
    }

    [Fact]
    public async Task Missing_vtysh_says_what_to_install()
    {
        var instance = new FrrInstance { Vtysh = "/nonexistent/vtysh" };
        var e = await Assert.ThrowsAsync<FrrException>(() => new FrrStatus(instance).GetSummaryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.ToolMissing, e.Reason);
        Assert.Contains("apt install frr", e.Message, StringComparison.Ordinal);
    }
}

public sealed class VtyshVersionTests
{
    [Fact]
    public async Task Installed_version_comes_from_vtysh_help()
    {
        using var fake = FakeVtysh.Create("echo 'Usage : vtysh [OPTION...]'; echo; echo 'Integrated shell for FRR (version 8.4.4). '");
        Assert.Equal("8.4.4", await new VtyshClient(fake.Instance()).GetInstalledVersionAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["-h"], fake.LoggedArgs);
    }

    [Fact]
    public async Task No_version_is_bad_output()
    {
        using var fake = FakeVtysh.Create("echo nothing");
        var e = await Assert.ThrowsAsync<FrrException>(() => new VtyshClient(fake.Instance()).GetInstalledVersionAsync(TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.BadOutput, e.Reason);
    }
}

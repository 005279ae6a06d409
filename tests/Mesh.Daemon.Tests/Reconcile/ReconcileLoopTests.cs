using System.Collections.Concurrent;
using Mesh.Control;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Tests.Ddns;

namespace Mesh.Daemon.Tests.Reconcile;

public sealed class ReconcileLoopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pass_plans_this_node_and_hands_the_plan_to_every_subsystem()
    {
        var a = new FakeSubsystem("a");
        var b = new FakeSubsystem("b", _ => Task.FromResult(SubsystemResult.Changed(2, "two things")));
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, a, b);

        await h.Loop.PassAsync(["startup"], Ct);

        Assert.Equal("roz1", h.Loop.CurrentPlan!.Node);
        Assert.Same(h.Loop.CurrentPlan, Assert.Single(a.Plans));
        Assert.Same(h.Loop.CurrentPlan, Assert.Single(b.Plans));
        var status = h.Status;
        Assert.Equal(("roz", "native", "userspace", 1L), (status.Site, status.Role, status.Dataplane, status.Reconciles));
        Assert.Empty(status.SpecErrors);
        Assert.NotNull(status.SpecHash);
        Assert.Equal(T0, status.LastReconcile);
        Assert.Equal((Health.Healthy, 2, T0), (h.Report("b").Health, h.Report("b").Changes, h.Report("b").LastChange!.Value));
        Assert.Null(h.Report("a").LastChange);
    }

    [Fact]
    public async Task One_failing_subsystem_does_not_stop_the_others()
    {
        var first = new FakeSubsystem("first");
        var broken = FakeSubsystem.Throwing("broken", "netlink said EPERM");
        var last = new FakeSubsystem("last", _ => Task.FromResult(SubsystemResult.Changed(1, "done")));
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, first, broken, last);

        await h.Loop.PassAsync(["startup"], Ct);

        Assert.Single(first.Plans);
        Assert.Single(last.Plans);
        Assert.Equal(Health.Healthy, h.Report("first").Health);
        Assert.Equal(Health.Healthy, h.Report("last").Health);
        var failed = h.Report("broken");
        Assert.Equal((Health.Failed, "netlink said EPERM", 1), (failed.Health, failed.Message, failed.ConsecutiveFailures));
        var warning = Assert.Single(h.Log.Events(6));
        Assert.Equal("broken", warning.Values["Subsystem"]);
    }

    [Fact]
    public async Task A_failing_subsystem_is_retried_with_growing_bounded_delays()
    {
        var broken = FakeSubsystem.Throwing("wireguard", "no key");
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, broken);

        for (var n = 1; n <= 10; n++)
        {
            await h.Loop.PassAsync([$"pass {n}"], Ct);
        }

        var retries = h.Log.Events(6);
        Assert.Equal(Enumerable.Range(1, 10), retries.Select(e => (int)e.Values["Failures"]!));
        var delays = retries.Select(e => (double)e.Values["Seconds"]!).ToList();
        for (var n = 1; n <= 10; n++)
        {
            var cap = Math.Min(300, 2 * Math.Pow(2, n - 1));
            Assert.InRange(delays[n - 1], cap / 2, cap);
        }

        for (var n = 1; n < 8; n++)
        {
            Assert.True(delays[n] >= delays[n - 1], $"retry {n + 1} waits {delays[n]} s, less than retry {n} ({delays[n - 1]} s)");
        }

        // However many passes failed, one retry of this subsystem is pending, not one per pass.
        Assert.Equal(1, _time.ActiveTimers);
    }

    [Fact]
    public async Task The_retry_pass_comes_when_the_backoff_delay_has_passed()
    {
        var broken = FakeSubsystem.Throwing("frr", "vtysh: connection refused");
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, broken);
        await h.Loop.PassAsync(["startup"], Ct);
        var delay = TimeSpan.FromSeconds((double)Assert.Single(h.Log.Events(6)).Values["Seconds"]!);
        var wait = h.Queue.WaitAsync(Ct).AsTask();

        _time.Advance(delay - TimeSpan.FromMilliseconds(10));
        await Task.Delay(50, Ct);
        Assert.False(wait.IsCompleted, "retried before the backoff delay");

        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(["retry:frr"], await wait.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task A_recovered_subsystem_resets_its_failure_count_and_schedules_no_retry()
    {
        var sub = new FakeSubsystem("links", call => call == 1
            ? throw new InvalidOperationException("busy")
            : Task.FromResult(SubsystemResult.Unchanged()));
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, sub);

        await h.Loop.PassAsync(["startup"], Ct);
        Assert.Equal(1, h.Report("links").ConsecutiveFailures);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(["retry:links"], await h.Queue.WaitAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct));

        await h.Loop.PassAsync(["retry:links"], Ct);

        Assert.Equal((Health.Healthy, 0), (h.Report("links").Health, h.Report("links").ConsecutiveFailures));
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public async Task An_invalid_spec_keeps_the_running_plan_and_reports_file_and_line()
    {
        var sub = new FakeSubsystem("wireguard");
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, sub);
        await h.Loop.PassAsync(["startup"], Ct);
        var good = h.Loop.CurrentPlan!;
        var goodHash = h.Status.SpecHash;

        var lines = LoopHarness.Lab.Split('\n');
        var vniLine = Array.FindIndex(lines, l => l.Trim() == "vni: 100000") + 1;
        Assert.True(vniLine > 0);
        h.WriteSpec(LoopHarness.Lab.Replace("vni: 100000", "vni: 99999999", StringComparison.Ordinal));
        await h.Loop.PassAsync(["spec-changed"], Ct);

        Assert.Same(good, h.Loop.CurrentPlan);
        Assert.Equal(2, sub.Plans.Count);
        Assert.Same(good, sub.Plans[1]);
        var status = h.Status;
        Assert.Equal(goodHash, status.SpecHash);
        var error = Assert.Single(status.SpecErrors);
        Assert.StartsWith($"{h.SpecPath}:{vniLine}:", error, StringComparison.Ordinal);
        Assert.Contains("99999999", error, StringComparison.Ordinal);
        Assert.Single(h.Log.Events(3));

        await h.Loop.PassAsync(["resync"], Ct);
        Assert.Single(h.Log.Events(3)); // the same bad spec is not logged again on every pass

        h.WriteSpec(LoopHarness.Lab);
        await h.Loop.PassAsync(["spec-changed"], Ct);
        Assert.Empty(h.Status.SpecErrors);
        Assert.Equal(good, h.Loop.CurrentPlan);
    }

    [Fact]
    public async Task A_node_missing_from_the_spec_is_a_spec_error_and_nothing_is_applied()
    {
        var sub = new FakeSubsystem("wireguard");
        using var h = new LoopHarness(LoopHarness.TwoSites, "gdn1", _time, sub);

        await h.Loop.PassAsync(["startup"], Ct);

        Assert.Null(h.Loop.CurrentPlan);
        Assert.Empty(sub.Plans);
        var error = Assert.Single(h.Status.SpecErrors);
        Assert.StartsWith(h.SpecPath + ": ", error, StringComparison.Ordinal);
        Assert.Contains("'gdn1'", error, StringComparison.Ordinal);
        Assert.Contains("roz1", error, StringComparison.Ordinal);
        Assert.Contains("nothing applied yet", Assert.Single(h.Log.Events(3)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_spec_keeps_the_running_plan()
    {
        var sub = new FakeSubsystem("wireguard");
        using var h = new LoopHarness(LoopHarness.Lab, "wro1", _time, sub);
        await h.Loop.PassAsync(["startup"], Ct);
        File.Delete(h.SpecPath);

        await h.Loop.PassAsync(["spec-changed"], Ct);

        Assert.Equal("wro1", h.Loop.CurrentPlan!.Node);
        Assert.Equal(2, sub.Plans.Count);
        Assert.Contains("cannot read the spec", Assert.Single(h.Status.SpecErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triggers_during_a_pass_coalesce_into_one_more_pass_with_every_reason()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeSubsystem("slow", async call =>
        {
            if (call == 1)
            {
                entered.TrySetResult();
                await release.Task;
            }

            return SubsystemResult.Unchanged();
        });
        var stops = new List<string>();
        var other = new FakeSubsystem("other") { StopLog = stops };
        using var h = new LoopHarness(LoopHarness.Lab, "roz1", _time, new FakeSubsystem("first") { StopLog = stops }, slow, other);
        var passes = new ConcurrentQueue<IReadOnlyList<string>>();
        h.Loop.PassCompleted += passes.Enqueue;

        await h.Loop.StartAsync(Ct);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        for (var i = 0; i < 50; i++)
        {
            h.Queue.Enqueue($"trigger {i % 5}");
        }

        h.Queue.Enqueue("meshctl apply");
        release.SetResult();
        for (var i = 0; i < 100 && passes.Count < 2; i++)
        {
            await Task.Delay(50, Ct);
        }

        await Task.Delay(100, Ct);
        await h.Loop.StopAsync(Ct);

        Assert.Equal(
            [["startup"], ["meshctl apply", "trigger 0", "trigger 1", "trigger 2", "trigger 3", "trigger 4"]],
            passes.ToArray());
        Assert.Equal(2, other.Plans.Count);
        Assert.Equal(["other", "first"], stops);
    }
}

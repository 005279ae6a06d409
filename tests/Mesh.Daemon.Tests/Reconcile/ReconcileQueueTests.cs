using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Tests.Ddns;

namespace Mesh.Daemon.Tests.Reconcile;

public sealed class ReconcileQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(T0);

    [Fact]
    public async Task Reasons_enqueued_before_a_wait_come_back_once_sorted_and_deduplicated()
    {
        var queue = new ReconcileQueue(_time);
        foreach (var r in new[] { "spec-changed", "resync", "spec-changed", "dns", "resync" })
        {
            queue.Enqueue(r);
        }

        var reasons = await queue.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["dns", "resync", "spec-changed"], reasons);
        var next = queue.WaitAsync(TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted, "a wait after draining must block until something is enqueued");
        queue.Enqueue("apply");
        Assert.Equal(["apply"], await next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_delayed_reason_arrives_when_the_clock_reaches_it()
    {
        var queue = new ReconcileQueue(_time);
        queue.EnqueueAfter("retry:wireguard", TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var wait = queue.WaitAsync(TestContext.Current.CancellationToken).AsTask();

        _time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(["retry:wireguard"], await wait.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_same_delayed_reason_is_pending_at_most_once()
    {
        var queue = new ReconcileQueue(_time);
        for (var i = 0; i < 5; i++)
        {
            queue.EnqueueAfter("retry:frr", TimeSpan.FromSeconds(10 + i), TestContext.Current.CancellationToken);
        }

        queue.EnqueueAfter("retry:links", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(2, _time.ActiveTimers);
    }

    [Fact]
    public async Task A_delayed_reason_can_be_scheduled_again_once_it_fired()
    {
        var queue = new ReconcileQueue(_time);
        queue.EnqueueAfter("retry:frr", TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["retry:frr"], await queue.WaitAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        queue.EnqueueAfter("retry:frr", TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(1, _time.ActiveTimers);
    }

    [Fact]
    public async Task A_zero_delay_enqueues_at_once()
    {
        var queue = new ReconcileQueue(_time);
        queue.EnqueueAfter("now", TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Equal(["now"], await queue.WaitAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }
}

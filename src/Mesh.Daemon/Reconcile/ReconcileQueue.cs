using System.Threading.Channels;

namespace Mesh.Daemon.Reconcile;

/// <summary>
/// A coalescing work queue feeding the one reconcile loop. Triggers (spec change, DNS TTL expiry,
/// netlink event, periodic resync, `meshctl apply`, a retry after a failure) only enqueue a reason;
/// however many arrive while a pass runs, the loop runs one more pass with all of them.
/// </summary>
public sealed class ReconcileQueue
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Lock _gate = new();
    private readonly SortedSet<string> _reasons = new(StringComparer.Ordinal);
    private readonly HashSet<string> _delayed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the queue.</summary>
    public ReconcileQueue(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Asks for a reconcile pass now.</summary>
    public void Enqueue(string reason)
    {
        lock (_gate)
        {
            _reasons.Add(reason);
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>
    /// Asks for a pass after <paramref name="delay"/> (backoff retries, TTL expiry). A reason already waiting
    /// for its delay is not scheduled again (the earlier one stands), so passes triggered by something else
    /// cannot multiply the pending retries.
    /// </summary>
    public void EnqueueAfter(string reason, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(reason);
            return;
        }

        lock (_gate)
        {
            if (!_delayed.Add(reason))
            {
                return;
            }
        }

        _ = DelayThenEnqueueAsync(reason, delay, cancellationToken);
    }

    /// <summary>Waits for at least one reason and returns every reason gathered since the last wait (sorted).</summary>
    public async ValueTask<IReadOnlyList<string>> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // A signal can outlive its reasons (an Enqueue between a drain and its own TryWrite): wait again then.
            await _signal.Reader.ReadAsync(cancellationToken);
            lock (_gate)
            {
                if (_reasons.Count == 0)
                {
                    continue;
                }

                var all = _reasons.ToArray();
                _reasons.Clear();
                return all;
            }
        }
    }

    private async Task DelayThenEnqueueAsync(string reason, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            lock (_gate)
            {
                _delayed.Remove(reason);
            }
        }

        Enqueue(reason);
    }
}

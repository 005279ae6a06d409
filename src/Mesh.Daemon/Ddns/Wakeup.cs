namespace Mesh.Daemon.Ddns;

/// <summary>A delay that a <see cref="Set"/> ends early (coalescing: several sets wake one wait).</summary>
internal sealed class Wakeup
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the current or next wait.</summary>
    public void Set()
    {
        lock (_gate)
        {
            _signal.TrySetResult();
        }
    }

    /// <summary>Waits for <paramref name="delay"/> on <paramref name="time"/>, or until <see cref="Set"/>.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            signal = _signal.Task;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, cts.Token);
        await Task.WhenAny(timer, signal);
        await cts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}

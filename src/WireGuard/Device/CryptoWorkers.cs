using System.Collections.Concurrent;

namespace WireGuard.Device;

/// <summary>A batch whose items can be processed independently, in any order, on any thread.</summary>
internal interface IBatchJob
{
    void Process(int start, int end);
}

/// <summary>
/// Spreads the crypto of one batch over the cores: the caller splits [0, count) into chunks, workers take chunks,
/// the caller runs the first chunk itself and waits for the rest. Results land in per-index slots, so the caller
/// keeps the order. Small batches (or a single core) run inline without any synchronisation.
/// </summary>
internal sealed class CryptoWorkers : IDisposable
{
    private const int MinChunk = 16;

    private readonly BlockingCollection<Chunk> _queue = new(new ConcurrentQueue<Chunk>());
    private readonly Thread[] _threads;

    public CryptoWorkers(int parallelism)
    {
        _threads = new Thread[Math.Max(0, parallelism - 1)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"wg-crypto-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Threads taking part in a batch, the caller included.</summary>
    public int Parallelism => _threads.Length + 1;

    /// <summary>Processes <paramref name="count"/> items of <paramref name="job"/>; returns when all are done.</summary>
    public void Run(IBatchJob job, int count, CountdownEvent done)
    {
        var parts = Math.Min(Parallelism, count / MinChunk);
        if (parts <= 1 || _queue.IsAddingCompleted)
        {
            job.Process(0, count);
            return;
        }

        var chunk = (count + parts - 1) / parts;
        done.Reset(parts - 1);
        for (var p = 1; p < parts; p++)
        {
            _queue.Add(new Chunk(job, p * chunk, Math.Min(count, (p + 1) * chunk), done));
        }

        job.Process(0, chunk);
        done.Wait();
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var t in _threads)
        {
            t.Join(TimeSpan.FromSeconds(2));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        foreach (var c in _queue.GetConsumingEnumerable())
        {
            try
            {
                c.Job.Process(c.Start, c.End);
            }
#pragma warning disable CA1031 // a job failure leaves its result slots empty (dropped packets); the worker must live on
            catch (Exception)
            {
            }
#pragma warning restore CA1031
            finally
            {
                c.Done.Signal();
            }
        }
    }

    private readonly record struct Chunk(IBatchJob Job, int Start, int End, CountdownEvent Done);
}

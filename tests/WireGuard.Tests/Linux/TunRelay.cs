using WireGuard.Conn;

namespace WireGuard.Tests.Linux;

/// <summary>Copies packets between two TUNs on two threads (a wire between namespaces, through our TUN code).</summary>
internal sealed class TunRelay : IDisposable
{
    private readonly Thread[] _threads;

    public TunRelay(ITun a, ITun b)
    {
        _threads = [Start(a, b), Start(b, a)];
    }

    public long Packets;

    private Thread Start(ITun from, ITun to)
    {
        var t = new Thread(() =>
        {
            var bufs = Enumerable.Range(0, from.BatchSize).Select(_ => new byte[65536 + 32]).ToArray();
            var sizes = new int[bufs.Length];
            while (true)
            {
                var n = from.Read(bufs, sizes, 16);
                if (n == 0)
                {
                    return;
                }

                Interlocked.Add(ref Packets, n);
                to.Write(bufs, sizes, 16, n);
            }
        }) { IsBackground = true };
        t.Start();
        return t;
    }

    public void Dispose()
    {
        foreach (var t in _threads)
        {
            t.Join(TimeSpan.FromSeconds(5));
        }
    }
}

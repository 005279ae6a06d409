using System.Collections.Concurrent;

namespace WireGuard.Conn;

/// <summary>An <see cref="ITun"/> in memory, for tests: <see cref="Inject"/> plays the kernel sending a packet,
/// <see cref="TryTake"/> returns what the device wrote.</summary>
public sealed class MemoryTun : ITun
{
    private readonly BlockingCollection<byte[]> _in = [];
    private readonly BlockingCollection<byte[]> _out = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a TUN named <paramref name="name"/>.</summary>
    public MemoryTun(string name = "wgmem0") => Name = name;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Mtu { get; set; } = 1420;

    /// <inheritdoc/>
    public int BatchSize { get; init; } = 16;

    /// <inheritdoc/>
    public Task Closed => _closed.Task;

    /// <summary>Packets written by the device and not taken yet.</summary>
    public int Pending => _out.Count;

    /// <summary>Queues an IP packet for the device to read.</summary>
    public void Inject(ReadOnlySpan<byte> packet) => _in.Add(packet.ToArray());

    /// <summary>Waits up to <paramref name="timeout"/> for a packet the device wrote.</summary>
    public bool TryTake(out byte[] packet, TimeSpan timeout) => _out.TryTake(out packet!, timeout);

    /// <inheritdoc/>
    public int Read(byte[][] buffers, Span<int> sizes, int offset)
    {
        byte[] first;
        try
        {
            first = _in.Take();
        }
        catch (InvalidOperationException)
        {
            return 0;
        }

        var n = 0;
        var p = first;
        do
        {
            p.CopyTo(buffers[n], offset);
            sizes[n++] = p.Length;
        }
        while (n < buffers.Length && _in.TryTake(out p!));
        return n;
    }

    /// <inheritdoc/>
    public void Write(byte[][] buffers, ReadOnlySpan<int> sizes, int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _out.Add(buffers[i].AsSpan(offset, sizes[i]).ToArray());
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _in.CompleteAdding();
        _closed.TrySetResult();
    }
}

namespace WireGuard.Conn;

/// <summary>
/// The TUN side of a device (like wireguard-go's tun.Device): batched IP packet read and write with a
/// fixed headroom offset so transport headers can be prepended in place.
/// </summary>
public interface ITun : IDisposable
{
    /// <summary>Interface name.</summary>
    string Name { get; }

    /// <summary>Current MTU of the interface.</summary>
    int Mtu { get; }

    /// <summary>How many packets one Read/Write handles at most.</summary>
    int BatchSize { get; }

    /// <summary>
    /// Blocks until at least one IP packet is available; writes packet i at buffers[i][offset..] and its length in
    /// sizes[i]. With TSO a super-packet is segmented before returning. Returns 0 when the device is closed.
    /// </summary>
    int Read(byte[][] buffers, Span<int> sizes, int offset);

    /// <summary>Writes IP packets buffers[i][offset .. offset+sizes[i]] for i &lt; count (may coalesce with GRO).</summary>
    void Write(byte[][] buffers, ReadOnlySpan<int> sizes, int offset, int count);

    /// <summary>Completes when the interface disappears (deleted) or the device is disposed.</summary>
    Task Closed { get; }
}

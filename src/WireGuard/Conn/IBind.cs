namespace WireGuard.Conn;

/// <summary>
/// The UDP side of a device (like wireguard-go's conn.Bind): batched receive and send of datagrams.
/// Implementations: the Linux socket bind (recvmmsg/sendmmsg, UDP GSO/GRO) and an in-memory pair for tests.
/// </summary>
public interface IBind : IDisposable
{
    /// <summary>Opens the sockets on <paramref name="port"/> (0 = any free port) and returns the port bound.</summary>
    ushort Open(ushort port);

    /// <summary>Closes the sockets; blocked receivers return 0.</summary>
    void Close();

    /// <summary>How many datagrams one Receive/Send call handles at most.</summary>
    int BatchSize { get; }

    /// <summary>
    /// Blocks until at least one datagram arrives (or the bind is closed: returns 0). Fills buffers[i]
    /// from offset 0, sizes[i] and endpoints[i] for i &lt; returned count. Each buffer is at least 65536 bytes.
    /// With UDP GRO one super-datagram is split into its segments before returning.
    /// </summary>
    int Receive(byte[][] buffers, Span<int> sizes, Span<UdpEndpoint> endpoints);

    /// <summary>Sends every datagram packets[i] (the segment of buffers[i] at offset, length sizes[i]) to one endpoint.</summary>
    void Send(byte[][] buffers, int offset, ReadOnlySpan<int> sizes, int count, UdpEndpoint endpoint);

    /// <summary>Sets SO_MARK on the sockets (0 clears).</summary>
    void SetMark(uint mark);

    /// <summary>
    /// Datagrams dropped because they exceeded the path MTU (sent with don't-fragment, refused with EMSGSIZE).
    /// When it grows the device re-reads <see cref="PathMtu"/>. Binds that cannot tell return 0.
    /// </summary>
    long TooBig => 0;

    /// <summary>
    /// The path MTU toward <paramref name="endpoint"/> in bytes of the outer IP packet, as the host knows it
    /// (route MTU lowered by ICMP), or 0 when unknown. Not for the data path (may make syscalls).
    /// </summary>
    int PathMtu(UdpEndpoint endpoint) => 0;
}

using System.Net;
using System.Net.Sockets;

namespace WireGuard.Conn;

/// <summary>An <see cref="IBind"/> on a <see cref="MemoryNetwork"/> with one address (changeable to simulate roaming).</summary>
public sealed class MemoryBind : IBind
{
    private static int _nextPort = 40000;
    private readonly MemoryNetwork _net;
    private readonly Queue<(byte[] Data, UdpEndpoint From)> _queue = new();
    private readonly object _lock = new();
    private IPAddress _address;
    private UdpEndpoint? _local;
    private long _tooBig;

    /// <summary>Creates a closed bind with <paramref name="address"/>.</summary>
    public MemoryBind(MemoryNetwork network, IPAddress address)
    {
        _net = network;
        _address = address;
    }

    /// <inheritdoc/>
    public int BatchSize { get; init; } = 32;

    /// <summary>The mark last set.</summary>
    public uint Mark { get; private set; }

    /// <summary>The bound endpoint (null when closed).</summary>
    public UdpEndpoint? LocalEndpoint => _local;

    /// <summary>Moves the bind to another address, keeping the port (the underlay address changed).</summary>
    public void ChangeAddress(IPAddress address)
    {
        lock (_lock)
        {
            _address = address;
            if (_local is { } old)
            {
                _net.Unregister(old, this);
                var ep = UdpEndpoint.From(new IPEndPoint(address, old.Port));
                _net.Register(ep, this);
                _local = ep;
            }
        }
    }

    /// <inheritdoc/>
    public ushort Open(ushort port)
    {
        lock (_lock)
        {
            if (_local is not null)
            {
                throw new InvalidOperationException("bind already open");
            }

            if (port == 0)
            {
                for (var i = 0; i < 1000 && port == 0; i++)
                {
                    var candidate = (ushort)Interlocked.Increment(ref _nextPort);
                    if (_net.IsFree(UdpEndpoint.From(new IPEndPoint(_address, candidate))))
                    {
                        port = candidate;
                    }
                }
            }

            var ep = UdpEndpoint.From(new IPEndPoint(_address, port));
            if (!_net.Register(ep, this))
            {
                throw new SocketException((int)SocketError.AddressAlreadyInUse);
            }

            _local = ep;
            return port;
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        lock (_lock)
        {
            if (_local is { } ep)
            {
                _net.Unregister(ep, this);
            }

            _local = null;
            _queue.Clear();
            Monitor.PulseAll(_lock);
        }
    }

    /// <inheritdoc/>
    public int Receive(byte[][] buffers, Span<int> sizes, Span<UdpEndpoint> endpoints)
    {
        lock (_lock)
        {
            while (_queue.Count == 0 && _local is not null)
            {
                Monitor.Wait(_lock);
            }

            if (_local is null)
            {
                return 0;
            }

            var n = 0;
            while (n < buffers.Length && _queue.TryDequeue(out var d))
            {
                d.Data.CopyTo(buffers[n], 0);
                sizes[n] = d.Data.Length;
                endpoints[n++] = d.From;
            }

            return n;
        }
    }

    /// <summary>
    /// Simulated path MTU (outer IP packet bytes, 0 = unlimited): datagrams whose IP packet (20 or 40 + 8 + payload)
    /// would exceed it are dropped and counted in <see cref="TooBig"/>, as a don't-fragment socket does.
    /// </summary>
    public int SimulatedPathMtu { get; set; }

    /// <inheritdoc/>
    public long TooBig => Interlocked.Read(ref _tooBig);

    /// <inheritdoc/>
    public int PathMtu(UdpEndpoint endpoint) => SimulatedPathMtu;

    /// <inheritdoc/>
    public void Send(byte[][] buffers, int offset, ReadOnlySpan<int> sizes, int count, UdpEndpoint endpoint)
    {
        var from = _local ?? throw new SocketException((int)SocketError.NotConnected);
        var limit = SimulatedPathMtu;
        for (var i = 0; i < count; i++)
        {
            if (limit > 0 && sizes[i] + (endpoint.IsV6 ? 48 : 28) > limit)
            {
                Interlocked.Increment(ref _tooBig);
                continue;
            }

            _net.Deliver(from, endpoint, buffers[i].AsSpan(offset, sizes[i]));
        }
    }

    /// <inheritdoc/>
    public void SetMark(uint mark) => Mark = mark;

    /// <inheritdoc/>
    public void Dispose() => Close();

    internal void Enqueue(byte[] data, UdpEndpoint from)
    {
        lock (_lock)
        {
            if (_local is null)
            {
                return;
            }

            _queue.Enqueue((data, from));
            Monitor.Pulse(_lock);
        }
    }
}

using System.Net;

namespace WireGuard.Conn;

/// <summary>
/// An in-memory UDP "network" joining <see cref="MemoryBind"/>s, for tests: delivers datagrams by destination
/// address and port, with an optional filter that can observe, drop or rewrite traffic.
/// </summary>
public sealed class MemoryNetwork
{
    private readonly Dictionary<UdpEndpoint, MemoryBind> _binds = [];
    private readonly Lock _lock = new();

    /// <summary>Called for every datagram (source, destination, bytes); return false to drop it.</summary>
    public Func<UdpEndpoint, UdpEndpoint, byte[], bool>? Filter { get; set; }

    /// <summary>Datagrams delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    internal bool Register(UdpEndpoint ep, MemoryBind bind)
    {
        lock (_lock)
        {
            return _binds.TryAdd(ep, bind);
        }
    }

    internal void Unregister(UdpEndpoint ep, MemoryBind bind)
    {
        lock (_lock)
        {
            if (_binds.TryGetValue(ep, out var b) && ReferenceEquals(b, bind))
            {
                _binds.Remove(ep);
            }
        }
    }

    internal bool IsFree(UdpEndpoint ep)
    {
        lock (_lock)
        {
            return !_binds.ContainsKey(ep);
        }
    }

    /// <summary>Sends one datagram from <paramref name="source"/> to <paramref name="destination"/> (copied).</summary>
    public void Deliver(UdpEndpoint source, UdpEndpoint destination, ReadOnlySpan<byte> datagram)
    {
        var copy = datagram.ToArray();
        if (Filter is { } f && !f(source, destination, copy))
        {
            return;
        }

        MemoryBind? target;
        lock (_lock)
        {
            _binds.TryGetValue(destination, out target);
        }

        if (target is not null)
        {
            Interlocked.Increment(ref _delivered);
            target.Enqueue(copy, source);
        }
    }

    /// <summary>An endpoint on this network.</summary>
    public static UdpEndpoint Endpoint(string address, ushort port) => UdpEndpoint.From(new IPEndPoint(IPAddress.Parse(address), port));
}

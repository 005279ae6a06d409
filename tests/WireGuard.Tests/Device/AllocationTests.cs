using System.Net;
using WireGuard.Conn;
using WireGuard.Device;

namespace WireGuard.Tests.Device;

[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>The data path must not allocate per packet: measured with pre-allocated TUN and UDP doubles, alone in the process.</summary>
[Collection(nameof(AllocationCollection))]
public sealed class AllocationTests
{
    [Fact]
    public void Steady_state_transport_allocates_nothing_per_packet()
    {
        var time = new ManualTime();
        var (bindA, bindB) = RingBind.Pair();
        using var tunA = new CountingTun(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 1420));
        using var tunB = new CountingTun(DevicePair.Ipv4("10.0.0.2", "10.0.0.1", 1420));
        using var a = new WireGuardDevice(tunA, bindA, null, time) { CryptoParallelism = 2 };
        using var b = new WireGuardDevice(tunB, bindB, null, time) { CryptoParallelism = 2 };
        var ka = DevicePair.NewKey();
        var kb = DevicePair.NewKey();
        var ca = new DeviceConfigChange { PrivateKey = ka };
        var pb = new PeerConfigChange(DevicePair.PublicOf(kb)) { Endpoint = RingBind.EndpointB };
        pb.AllowedIps.Add(IPNetwork.Parse("10.0.0.2/32"));
        ca.Peers.Add(pb);
        a.Apply(ca);
        var cb = new DeviceConfigChange { PrivateKey = kb };
        var pa = new PeerConfigChange(DevicePair.PublicOf(ka));
        pa.AllowedIps.Add(IPNetwork.Parse("10.0.0.1/32"));
        cb.Peers.Add(pa);
        b.Apply(cb);
        a.Start();
        b.Start();

        tunA.Release(1); // handshake (staged packets beyond 128 would be dropped)
        Assert.True(tunB.WaitWritten(1, TimeSpan.FromSeconds(30)));
        a.RunTimers(); // reads the path MTU: every packet below is checked against it
        Assert.Equal(1500, a.GetPathMtu(DevicePair.PublicOf(kb)));
        tunA.Release(3000); // JIT and pools warm up
        Assert.True(tunB.WaitWritten(3001, TimeSpan.FromSeconds(30)), $"only {tunB.Written} packets arrived");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        tunA.Release(20_000);
        Assert.True(tunB.WaitWritten(23_001, TimeSpan.FromSeconds(60)), $"only {tunB.Written} packets arrived");
        var perPacket = (GC.GetTotalAllocatedBytes(precise: true) - before) / 20_000.0;
        Assert.True(perPacket < 16, $"{perPacket:F1} bytes allocated per packet");
    }

    /// <summary>A TUN that "reads" a template packet as often as released and counts what is written.</summary>
    private sealed class CountingTun(byte[] template) : ITun
    {
        private readonly object _lock = new();
        private int _pending;
        private bool _closed;

        public string Name => "wgalloc";

        public int Mtu => 1420;

        public int BatchSize => 32;

        public Task Closed => Task.CompletedTask;

        public long Written { get; private set; }

        public void Release(int n)
        {
            lock (_lock)
            {
                _pending += n;
                Monitor.PulseAll(_lock);
            }
        }

        public bool WaitWritten(long target, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            lock (_lock)
            {
                while (Written < target)
                {
                    var left = until - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_lock, left))
                    {
                        return Written >= target;
                    }
                }

                return true;
            }
        }

        public int Read(byte[][] buffers, Span<int> sizes, int offset)
        {
            int n;
            lock (_lock)
            {
                while (_pending == 0 && !_closed)
                {
                    Monitor.Wait(_lock);
                }

                if (_closed)
                {
                    return 0;
                }

                n = Math.Min(_pending, buffers.Length);
                _pending -= n;
            }

            for (var i = 0; i < n; i++)
            {
                template.CopyTo(buffers[i], offset);
                sizes[i] = template.Length;
            }

            return n;
        }

        public void Write(byte[][] buffers, ReadOnlySpan<int> sizes, int offset, int count)
        {
            lock (_lock)
            {
                Written += count;
                Monitor.PulseAll(_lock);
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _closed = true;
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>Two binds joined by pre-allocated rings (a full ring drops, like a socket buffer).</summary>
    private sealed class RingBind : IBind
    {
        public static readonly UdpEndpoint EndpointA = MemoryNetwork.Endpoint("192.0.2.1", 51820);
        public static readonly UdpEndpoint EndpointB = MemoryNetwork.Endpoint("192.0.2.2", 51821);
        private const int Slots = 512;
        private readonly object _lock = new();
        private readonly byte[][] _ring = Enumerable.Range(0, Slots).Select(_ => new byte[2048]).ToArray();
        private readonly int[] _len = new int[Slots];
        private readonly UdpEndpoint _self;
        private RingBind? _other;
        private int _head;
        private int _count;
        private bool _open;

        private RingBind(UdpEndpoint self) => _self = self;

        public int BatchSize => 32;

        /// <summary>A known path MTU, so the per-packet path check runs against a real reading (1500: everything fits).</summary>
        public int PathMtu(UdpEndpoint endpoint) => 1500;

        public static (RingBind A, RingBind B) Pair()
        {
            var a = new RingBind(EndpointA);
            var b = new RingBind(EndpointB);
            a._other = b;
            b._other = a;
            return (a, b);
        }

        public ushort Open(ushort port)
        {
            lock (_lock)
            {
                _open = true;
            }

            return _self.Port;
        }

        public void Close()
        {
            lock (_lock)
            {
                _open = false;
                Monitor.PulseAll(_lock);
            }
        }

        public int Receive(byte[][] buffers, Span<int> sizes, Span<UdpEndpoint> endpoints)
        {
            lock (_lock)
            {
                while (_count == 0 && _open)
                {
                    Monitor.Wait(_lock);
                }

                if (!_open)
                {
                    return 0;
                }

                var n = Math.Min(_count, buffers.Length);
                for (var i = 0; i < n; i++)
                {
                    var slot = (_head + i) % Slots;
                    _ring[slot].AsSpan(0, _len[slot]).CopyTo(buffers[i]);
                    sizes[i] = _len[slot];
                    endpoints[i] = _other!._self;
                }

                _head = (_head + n) % Slots;
                _count -= n;
                Monitor.PulseAll(_lock);
                return n;
            }
        }

        public void Send(byte[][] buffers, int offset, ReadOnlySpan<int> sizes, int count, UdpEndpoint endpoint)
        {
            var o = _other!;
            lock (o._lock)
            {
                for (var i = 0; i < count; i++)
                {
                    // wait for room (bounded) rather than drop, so the count of delivered packets is exact
                    while (o._count == Slots && o._open)
                    {
                        Monitor.Wait(o._lock, 100);
                    }

                    if (!o._open)
                    {
                        return;
                    }

                    var slot = (o._head + o._count) % Slots;
                    buffers[i].AsSpan(offset, sizes[i]).CopyTo(o._ring[slot]);
                    o._len[slot] = sizes[i];
                    o._count++;
                }

                Monitor.PulseAll(o._lock);
            }
        }

        public void SetMark(uint mark)
        {
        }

        public void Dispose() => Close();
    }
}

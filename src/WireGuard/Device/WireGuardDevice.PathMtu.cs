using WireGuard.Conn;

namespace WireGuard.Device;

/// <summary>
/// Path MTU handling, as a router does it: the bind sends with don't-fragment and the timer keeps each peer's path MTU
/// (read from the kernel, re-read every few seconds and as soon as the bind reports a datagram refused as too big).
/// An inner packet that would not fit is dropped, counted, and answered into the TUN with an ICMP "fragmentation
/// needed" / ICMPv6 "packet too big" carrying the largest inner size that fits, so the sender's PMTU discovery adapts.
/// </summary>
public sealed partial class WireGuardDevice
{
    /// <summary>Bytes an IPv4 outer packet adds to an inner packet: IPv4 20 + UDP 8 + WireGuard header 16 + tag 16.</summary>
    public const int OverheadV4 = 60;

    /// <summary>Bytes an IPv6 outer packet adds to an inner packet: IPv6 40 + UDP 8 + WireGuard header 16 + tag 16.</summary>
    public const int OverheadV6 = 80;

    /// <summary>At most this many ICMP errors per second go into the TUN (the rest of the drops are only counted).</summary>
    public const int IcmpPerSecond = 20;

    private const long PathMtuRefreshMs = 5000;
    private const long TooBigLogIntervalMs = 10_000;

    private readonly Lock _icmpLock = new();
    private readonly byte[][] _icmpBufs = [new byte[HeadRoom + IcmpTooBig.MaxSize]];
    private readonly int[] _icmpSizes = new int[1];
    private long _tooBigSeen;
    private long _icmpWindowMs = long.MinValue;
    private int _icmpInWindow;
    private long _tooBigLoggedAtMs = long.MinValue;
    private long _tooBigAtLastLog;

    /// <summary>
    /// The path MTU (outer IP packet bytes) last read toward the peer's endpoint, 0 when unknown (no endpoint yet,
    /// no route, or a bind that cannot tell).
    /// </summary>
    public int GetPathMtu(Key peer)
    {
        if (!_peers.TryGetValue(peer, out var p) || p.Endpoint is not { } ep)
        {
            return 0;
        }

        var r = Volatile.Read(ref p.PathMtu);
        return r is not null && r.Endpoint == ep ? r.Mtu : 0;
    }

    /// <summary>The largest inner packet the peer's path carries without fragmentation (int.MaxValue when unknown).</summary>
    private static int InnerLimit(Peer peer, UdpEndpoint ep)
    {
        var r = Volatile.Read(ref peer.PathMtu);
        if (r is null || r.Mtu <= 0 || r.Endpoint != ep)
        {
            return int.MaxValue;
        }

        return r.Mtu - (ep.IsV6 ? OverheadV6 : OverheadV4);
    }

    /// <summary>Drops an inner packet larger than <paramref name="limit"/>: counts it and answers with a rate-limited ICMP.</summary>
    private void DropTooBig(Peer peer, ReadOnlySpan<byte> packet, int limit, long now)
    {
        var total = Interlocked.Increment(ref _counters.TooBig);
        lock (_icmpLock)
        {
            if (now - _tooBigLoggedAtMs >= TooBigLogIntervalMs)
            {
                Log.TooBig(_log, peer.PublicKey.ToBase64(), total - _tooBigAtLastLog, limit);
                _tooBigLoggedAtMs = now;
                _tooBigAtLastLog = total;
            }

            if (now - _icmpWindowMs >= 1000)
            {
                _icmpWindowMs = now;
                _icmpInWindow = 0;
            }

            if (_icmpInWindow >= IcmpPerSecond)
            {
                return;
            }

            var n = IcmpTooBig.Build(packet, limit, _icmpBufs[0].AsSpan(HeadRoom));
            if (n == 0)
            {
                return;
            }

            _icmpInWindow++;
            _icmpSizes[0] = n;
            Interlocked.Increment(ref _counters.TooBigIcmpSent); // before the write: whoever reads the ICMP sees it counted
            _tun.Write(_icmpBufs, _icmpSizes, HeadRoom, 1);
        }
    }

    /// <summary>Re-reads the path MTU of peers whose reading is old, for another endpoint, or after a too-big refusal.</summary>
    private void RefreshPathMtus(long now)
    {
        var tooBig = _bind.TooBig;
        var force = tooBig != _tooBigSeen;
        _tooBigSeen = tooBig;
        foreach (var peer in _peers.Values)
        {
            if (peer.Endpoint is not { } ep)
            {
                continue;
            }

            var r = Volatile.Read(ref peer.PathMtu);
            if (!force && r is not null && r.Endpoint == ep && now - r.AtMs < PathMtuRefreshMs)
            {
                continue;
            }

            var mtu = _bind.PathMtu(ep);
            if (r is null ? mtu != 0 : r.Endpoint != ep || r.Mtu != mtu)
            {
                Log.PathMtu(_log, peer.PublicKey.ToBase64(), ep.ToString(), mtu);
            }

            Volatile.Write(ref peer.PathMtu, new PathMtuReading(ep, mtu, now));
        }
    }
}

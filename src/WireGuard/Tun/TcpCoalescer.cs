using System.Buffers.Binary;

namespace WireGuard.Tun;

/// <summary>
/// Software GRO for TUN writes: consecutive in-order TCP segments of one flow (same addresses, ports, ACK,
/// options and MSS-sized payloads) are merged into one super-packet written with a TSO virtio header, so the
/// kernel runs its stack once per ~64 KB instead of once per segment. Everything else passes through unchanged.
/// Writes go to <paramref name="emit"/> in an order that keeps every flow's packets in sequence.
/// </summary>
/// <param name="emit">Receives (virtio header + packet) to write to the TUN.</param>
public sealed class TcpCoalescer(TcpCoalescer.Emit emit)
{
    /// <summary>Writes one TUN frame: the 10-byte virtio header followed by the packet.</summary>
    public delegate void Emit(ReadOnlySpan<byte> frame);

    private const int MaxFlows = 8;
    private const int MaxSegments = 64;
    private const int MaxBytes = 65535;

    private readonly Item[] _items = Enumerable.Range(0, MaxFlows).Select(_ => new Item()).ToArray();
    private int _open;

    /// <summary>Packets merged into a previous segment since creation.</summary>
    public long Merged { get; private set; }

    /// <summary>
    /// Adds one IP packet and returns true when it is held (until <see cref="Flush"/>) or merged. Returns false for a
    /// packet that cannot be coalesced; everything held was flushed first, so the caller writes it next, in order.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> packet)
    {
        if (!Parse(packet, out var seg))
        {
            Flush();
            return false;
        }

        for (var i = 0; i < _open; i++)
        {
            var it = _items[i];
            if (!it.SameFlow(packet, seg))
            {
                continue;
            }

            if (it.CanAppend(packet, seg))
            {
                it.Append(packet, seg);
                Merged++;
                return true;
            }

            // the same flow but not contiguous or not mergeable: write what we hold first, keep the order
            FlushItem(i);
            break;
        }

        if (_open == MaxFlows)
        {
            FlushItem(0);
        }

        _items[_open++].Start(packet, seg);
        return true;
    }

    /// <summary>Writes everything held, oldest first.</summary>
    public void Flush()
    {
        while (_open > 0)
        {
            FlushItem(0);
        }
    }

    private void FlushItem(int i)
    {
        var it = _items[i];
        emit(it.Finish());
        for (var j = i; j < _open - 1; j++)
        {
            _items[j] = _items[j + 1];
        }

        _items[--_open] = it;
    }

    /// <summary>What a mergeable segment looks like.</summary>
    internal readonly record struct Segment(bool V4, int IpLen, int TcpLen, int PayloadLen, uint Seq, byte Flags);

    private static bool Parse(ReadOnlySpan<byte> p, out Segment seg)
    {
        seg = default;
        if (p.Length < 40)
        {
            return false;
        }

        int ipLen;
        bool v4;
        if (p[0] == 0x45)
        {
            // IPv4 without options, TCP, not a fragment, total length matches
            if (p[9] != 6 || (BinaryPrimitives.ReadUInt16BigEndian(p[6..]) & 0x3fff) != 0 || BinaryPrimitives.ReadUInt16BigEndian(p[2..]) != p.Length)
            {
                return false;
            }

            ipLen = 20;
            v4 = true;
        }
        else if (p[0] >> 4 == 6)
        {
            if (p.Length < 60 || p[6] != 6 || BinaryPrimitives.ReadUInt16BigEndian(p[4..]) + 40 != p.Length)
            {
                return false;
            }

            ipLen = 40;
            v4 = false;
        }
        else
        {
            return false;
        }

        var tcpLen = (p[ipLen + 12] >> 4) * 4;
        var flags = p[ipLen + 13];
        var payload = p.Length - ipLen - tcpLen;

        // only ACK (and PSH) segments with data; SYN/FIN/RST/URG/ECE/CWR pass through
        if (tcpLen < 20 || payload <= 0 || (flags & 0x10) == 0 || (flags & ~0x18) != 0)
        {
            return false;
        }

        seg = new Segment(v4, ipLen, tcpLen, payload, BinaryPrimitives.ReadUInt32BigEndian(p[(ipLen + 4)..]), flags);
        return true;
    }

    /// <summary>One flow's pending super-packet, built in its own buffer.</summary>
    private sealed class Item
    {
        private readonly byte[] _buf = GC.AllocateUninitializedArray<byte>(VirtioNetHdr.Size + MaxBytes, pinned: true);
        private int _len;
        private int _segments;
        private int _gsoSize;
        private uint _nextSeq;
        private bool _closed;
        private Segment _first;

        private Span<byte> Packet => _buf.AsSpan(VirtioNetHdr.Size, _len);

        public void Start(ReadOnlySpan<byte> packet, Segment seg)
        {
            packet.CopyTo(_buf.AsSpan(VirtioNetHdr.Size));
            _len = packet.Length;
            _segments = 1;
            _gsoSize = seg.PayloadLen;
            _nextSeq = seg.Seq + (uint)seg.PayloadLen;
            _closed = (seg.Flags & 0x08) != 0;
            _first = seg;
        }

        public bool SameFlow(ReadOnlySpan<byte> p, Segment seg)
        {
            if (seg.V4 != _first.V4)
            {
                return false;
            }

            var h = Packet;
            var addrs = seg.V4 ? p.Slice(12, 8) : p.Slice(8, 32);
            var mine = seg.V4 ? h.Slice(12, 8) : h.Slice(8, 32);
            return addrs.SequenceEqual(mine) && p.Slice(seg.IpLen, 4).SequenceEqual(h.Slice(_first.IpLen, 4));
        }

        public bool CanAppend(ReadOnlySpan<byte> p, Segment seg)
        {
            var h = Packet;
            var ip = _first.IpLen;
            return !_closed && _segments < MaxSegments && seg.Seq == _nextSeq && seg.PayloadLen <= _gsoSize &&
                _len + seg.PayloadLen <= MaxBytes && seg.TcpLen == _first.TcpLen &&
                p.Slice(ip + 8, 4).SequenceEqual(h.Slice(ip + 8, 4)) && // same ACK number
                p.Slice(ip + 20, seg.TcpLen - 20).SequenceEqual(h.Slice(ip + 20, _first.TcpLen - 20)) && // same options
                (seg.V4 ? p[1] == h[1] && p[8] == h[8] && p[6] == h[6] : p.Slice(0, 4).SequenceEqual(h.Slice(0, 4)) && p[7] == h[7]);
        }

        public void Append(ReadOnlySpan<byte> p, Segment seg)
        {
            p[(seg.IpLen + seg.TcpLen)..].CopyTo(_buf.AsSpan(VirtioNetHdr.Size + _len));
            _len += seg.PayloadLen;
            _segments++;
            _nextSeq += (uint)seg.PayloadLen;
            if (seg.PayloadLen < _gsoSize || (seg.Flags & 0x08) != 0)
            {
                _closed = true;
            }

            if ((seg.Flags & 0x08) != 0)
            {
                _buf[VirtioNetHdr.Size + _first.IpLen + 13] |= 0x08;
            }
        }

        public ReadOnlySpan<byte> Finish()
        {
            var pkt = Packet;
            if (_segments == 1)
            {
                _buf.AsSpan(0, VirtioNetHdr.Size).Clear();
                return _buf.AsSpan(0, VirtioNetHdr.Size + _len);
            }

            var ip = _first.IpLen;
            var l4Len = _len - ip;
            if (_first.V4)
            {
                BinaryPrimitives.WriteUInt16BigEndian(pkt[2..], (ushort)_len);
                pkt[10] = 0;
                pkt[11] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(pkt[10..], Checksum.Compute(pkt[..20]));
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(pkt[4..], (ushort)l4Len);
            }

            // CHECKSUM_PARTIAL: the TCP checksum field holds the (uncomplemented) pseudo-header sum
            var pseudo = _first.V4
                ? Checksum.PseudoHeader(pkt.Slice(12, 4), pkt.Slice(16, 4), 6, l4Len)
                : Checksum.PseudoHeader(pkt.Slice(8, 16), pkt.Slice(24, 16), 6, l4Len);
            BinaryPrimitives.WriteUInt16BigEndian(pkt[(ip + 16)..], Checksum.Fold(pseudo));
            new VirtioNetHdr(
                VirtioNetHdr.NeedsCsum,
                _first.V4 ? VirtioNetHdr.GsoTcpV4 : VirtioNetHdr.GsoTcpV6,
                (ushort)(ip + _first.TcpLen),
                (ushort)_gsoSize,
                (ushort)ip,
                16).Write(_buf);
            return _buf.AsSpan(0, VirtioNetHdr.Size + _len);
        }
    }
}

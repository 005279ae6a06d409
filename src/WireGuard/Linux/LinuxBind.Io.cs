using WireGuard.Conn;

namespace WireGuard.Linux;

/// <summary>The batched receive and send paths of <see cref="LinuxBind"/>.</summary>
public sealed unsafe partial class LinuxBind
{
    private readonly UdpEndpoint[] _rxEndpoints = new UdpEndpoint[RecvMsgs];
    private readonly int[] _rxSegment = new int[RecvMsgs];

    /// <summary>Datagrams the kernel refused to send (unreachable network, firewall ...), counted and dropped.</summary>
    public long SendErrors { get; private set; }

    /// <inheritdoc/>
    public int Receive(byte[][] buffers, Span<int> sizes, Span<UdpEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        lock (_recvLock)
        {
            var max = Math.Min(buffers.Length, Math.Min(sizes.Length, endpoints.Length));
            var n = 0;
            while (n < max)
            {
                if (_rxMsg >= _rxCount)
                {
                    if (n > 0 || !Fill())
                    {
                        break;
                    }

                    continue;
                }

                var msgLen = (int)_rx!.Msgs[_rxMsg].Len;
                var seg = Math.Min(_rxSegment[_rxMsg], msgLen - _rxOffset);
                var dst = buffers[n];
                new ReadOnlySpan<byte>(_rx.Slot(_rxMsg) + _rxOffset, seg).CopyTo(dst);
                sizes[n] = seg;
                endpoints[n] = _rxEndpoints[_rxMsg];
                n++;
                _rxOffset += seg;
                if (_rxOffset >= msgLen)
                {
                    _rxMsg++;
                    _rxOffset = 0;
                }
            }

            return n;
        }
    }

    /// <summary>Waits for and receives a batch; false when the bind was closed.</summary>
    private bool Fill()
    {
        var sock = _sock;
        var waker = _waker;
        var rx = _rx;
        if (sock is null || waker is null || rx is null)
        {
            return false;
        }

        for (var i = 0; i < rx.Count; i++)
        {
            rx.Iovs[i] = new Native.IoVec { Base = rx.Slot(i), Len = (nuint)rx.SlotSize };
            rx.Msgs[i] = new Native.MMsgHdr
            {
                Hdr = new Native.MsgHdr
                {
                    Name = rx.Name(i),
                    NameLen = SockAddr.Size,
                    Iov = &rx.Iovs[i],
                    IovLen = 1,
                    Control = rx.Control(i),
                    ControlLen = NativeArea.CmsgSpace,
                },
            };
        }

        while (true)
        {
            var r = Native.RecvMMsg(sock.Fd, rx.Msgs, (uint)rx.Count, 0, null);
            if (r > 0)
            {
                for (var i = 0; i < r; i++)
                {
                    _rxEndpoints[i] = SockAddr.Read(rx.Name(i));
                    var gro = GroSize(ref rx.Msgs[i].Hdr);
                    var len = (int)rx.Msgs[i].Len;
                    _rxSegment[i] = gro > 0 ? gro : Math.Max(len, 1);
                    if (len == 0)
                    {
                        _rxSegment[i] = 0;
                    }
                }

                _rxCount = r;
                _rxMsg = 0;
                _rxOffset = 0;
                SkipEmpty();
                if (_rxMsg < _rxCount)
                {
                    return true;
                }

                continue;
            }

            var e = Native.Errno;
            if (e == Native.EAGAIN)
            {
                if (!waker.Wait(sock.Fd, Native.POLLIN, -1))
                {
                    return false;
                }
            }
            else if (e != Native.EINTR && waker.Signalled)
            {
                return false;
            }
            else if (e is not Native.EINTR)
            {
                // ICMP-reported errors and the like: wait a little so a persistent error cannot spin
                if (!waker.Wait(-1, 0, 1))
                {
                    return false;
                }
            }
        }
    }

    private void SkipEmpty()
    {
        while (_rxMsg < _rxCount && _rx!.Msgs[_rxMsg].Len == 0)
        {
            _rxMsg++;
        }
    }

    private static int GroSize(ref Native.MsgHdr h)
    {
        var p = (byte*)h.Control;
        var end = p + h.ControlLen;
        while (p != null && p + sizeof(Native.CMsgHdr) <= end)
        {
            var c = (Native.CMsgHdr*)p;
            if (c->Len < (nuint)sizeof(Native.CMsgHdr))
            {
                break;
            }

            if (c->Level == Native.SOL_UDP && c->Type == Native.UDP_GRO)
            {
                return *(int*)(p + sizeof(Native.CMsgHdr));
            }

            p += (c->Len + 7) & ~(nuint)7;
        }

        return 0;
    }

    /// <inheritdoc/>
    public void Send(byte[][] buffers, int offset, ReadOnlySpan<int> sizes, int count, UdpEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        lock (_sendLock)
        {
            var sock = _sock;
            var tx = _tx;
            if (sock is null || tx is null)
            {
                return;
            }

            if (endpoint.IsV6 && !_v6)
            {
                SendErrors += count; // an IPv4-only host (IPv6 disabled in the kernel) cannot reach an IPv6 endpoint
                return;
            }

            var nameLen = SockAddr.Write(tx.Name(0), endpoint, _v6);
            var area = tx.Count * tx.SlotSize; // one contiguous data area; messages are packed into it in order
            var i = 0;
            while (i < count)
            {
                int m = 0, used = 0;
                while (i < count && m < tx.Count && used + sizes[i] <= area)
                {
                    var start = tx.Data + used;
                    var segSize = sizes[i];
                    int total = 0, segs = 0;
                    while (i < count && segs < MaxGsoSegments && total + sizes[i] <= MaxGsoBytes && used + total + sizes[i] <= area && sizes[i] <= segSize)
                    {
                        var sz = sizes[i];
                        buffers[i].AsSpan(offset, sz).CopyTo(new Span<byte>(start + total, sz));
                        total += sz;
                        segs++;
                        i++;
                        if (sz < segSize || !GsoEnabled || segSize == 0)
                        {
                            break;
                        }
                    }

                    Prepare(tx, m, start, nameLen, total, segs > 1 ? segSize : 0);
                    used += total;
                    m++;
                }

                if (m == 0)
                {
                    SendErrors++; // larger than the whole send area: cannot be a WireGuard datagram
                    i++;
                    continue;
                }

                SendBatch(sock, tx, m);
            }
        }
    }

    private static void Prepare(NativeArea tx, int m, byte* data, uint nameLen, int total, int gso)
    {
        tx.Iovs[m] = new Native.IoVec { Base = data, Len = (nuint)total };
        ref var h = ref tx.Msgs[m].Hdr;
        h = new Native.MsgHdr { Name = tx.Name(0), NameLen = nameLen, Iov = &tx.Iovs[m], IovLen = 1 };
        if (gso > 0)
        {
            var c = (Native.CMsgHdr*)tx.Control(m);
            c->Len = (nuint)(sizeof(Native.CMsgHdr) + sizeof(ushort));
            c->Level = Native.SOL_UDP;
            c->Type = Native.UDP_SEGMENT;
            *(ushort*)(c + 1) = (ushort)gso;
            h.Control = c;
            h.ControlLen = (nuint)(sizeof(Native.CMsgHdr) + 8);
        }
    }

    private void SendBatch(FdHandle sock, NativeArea tx, int m)
    {
        var sent = 0;
        var waits = 0;
        while (sent < m)
        {
            var r = Native.SendMMsg(sock.Fd, tx.Msgs + sent, (uint)(m - sent), 0);
            if (r > 0)
            {
                sent += r;
                continue;
            }

            var e = Native.Errno;
            if (e == Native.EINTR)
            {
                continue;
            }

            if (e == Native.EAGAIN && waits++ < 100 && _waker is { } w)
            {
                if (!w.Wait(sock.Fd, Native.POLLOUT, 100))
                {
                    return;
                }

                continue;
            }

            if (tx.Msgs[sent].Hdr.Control != null && e is Native.EIO or Native.EINVAL or Native.EMSGSIZE)
            {
                // either the segments exceed the path MTU (EMSGSIZE; EINVAL on older kernels) or the route's device
                // cannot segment (no checksum offload): send them one by one; when none of them is too big, it was
                // the device, and GSO stays off for good
                if (!SendUnsegmented(sock, tx, sent))
                {
                    GsoEnabled = false;
                }
            }
            else if (e == Native.EMSGSIZE)
            {
                Interlocked.Increment(ref _tooBig); // larger than the path MTU with DF set: dropped, the device learns the MTU
            }
            else
            {
                SendErrors++;
            }

            sent++;
        }
    }

    /// <summary>Sends a GSO message's segments one by one; true when some were too big for the path MTU.</summary>
    private bool SendUnsegmented(FdHandle sock, NativeArea tx, int index)
    {
        var tooBig = false;
        ref var h = ref tx.Msgs[index].Hdr;
        var gso = (int)*(ushort*)((Native.CMsgHdr*)h.Control + 1);
        var total = (int)h.Iov->Len;
        var baseP = (byte*)h.Iov->Base;
        h.Control = null;
        h.ControlLen = 0;
        for (var off = 0; off < total; off += gso)
        {
            h.Iov->Base = baseP + off;
            h.Iov->Len = (nuint)Math.Min(gso, total - off);
            if (Native.SendMMsg(sock.Fd, tx.Msgs + index, 1, 0) == 1)
            {
                continue;
            }

            if (Native.Errno == Native.EMSGSIZE)
            {
                tooBig = true;
                Interlocked.Increment(ref _tooBig);
            }
            else
            {
                SendErrors++;
            }
        }

        return tooBig;
    }
}

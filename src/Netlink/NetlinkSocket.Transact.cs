using System.Runtime.InteropServices;
using Netlink.Interop;
using Netlink.Wire;

namespace Netlink;

/// <content>The send/receive loop shared by requests and dumps.</content>
public sealed unsafe partial class NetlinkSocket
{
    /// <summary>Returns true when the kernel flagged the dump as interrupted.</summary>
    private bool Transact(NetlinkWriter request, string what, MessageVisitor? visitor, bool expectAck)
    {
        lock (_lock)
        {
            var seq = ++_seq;
            request.SetSequence(seq);
            Send(request.Message, what);
            var interrupted = false;
            var deadlineMs = (int)ReplyTimeout.TotalMilliseconds;
            for (var datagrams = 0; datagrams < 1_000_000; datagrams++)
            {
                var received = Receive(deadlineMs, what);
                if (received < 0)
                {
                    throw new NetlinkException(Errno.ETIMEDOUT, $"{what}: no answer from the kernel within {ReplyTimeout.TotalSeconds:0} s");
                }

                if (ProcessReply(_buffer.AsSpan(0, received), seq, PortId, what, visitor, expectAck, ref interrupted))
                {
                    return interrupted;
                }
            }

            throw new NetlinkException(Errno.EBADMSG, $"{what}: the kernel never ended its answer");
        }
    }

    /// <summary>
    /// Handles one reply datagram of the request with sequence <paramref name="seq"/>: skips messages of other
    /// requests or ports, notes NLM_F_DUMP_INTR, throws on NLMSG_ERROR/NLMSG_DONE errors and overruns, hands data
    /// messages to <paramref name="visitor"/>. Returns true when the answer is complete.
    /// </summary>
    internal static bool ProcessReply(
        ReadOnlySpan<byte> datagram, uint seq, uint portId, string what, MessageVisitor? visitor, bool expectAck, ref bool interrupted)
    {
        foreach (var m in new MessageReader(datagram))
        {
            if (m.Header.Seq != seq || m.Header.Pid != portId)
            {
                continue; // a late answer to an earlier, abandoned request, or not for this port
            }

            if ((m.Header.Flags & Nl.FDumpIntr) != 0)
            {
                interrupted = true;
            }

            switch (m.Type)
            {
                case Nl.MsgNoop:
                    continue;
                case Nl.MsgError or Nl.MsgDone:
                    return ErrorFrom(m, what) is { } error ? throw error : true;
                case Nl.MsgOverrun:
                    throw new NetlinkException(Errno.ENOBUFS, $"{what}: the kernel reported a receive overrun; retry");
                default:
                    visitor?.Invoke(in m);
                    if (!expectAck && (m.Header.Flags & Nl.FMulti) == 0)
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for a notification datagram (monitor sockets) and passes
    /// its messages to <paramref name="visitor"/>. Returns false on timeout. Throws ENOBUFS on overflow.
    /// </summary>
    internal bool ReceiveNotifications(int timeoutMs, MessageVisitor visitor)
    {
        var received = Receive(timeoutMs, "monitor");
        if (received < 0)
        {
            return false;
        }

        foreach (var m in new MessageReader(_buffer.AsSpan(0, received)))
        {
            if (m.Type is not (Nl.MsgNoop or Nl.MsgDone or Nl.MsgError))
            {
                visitor(in m);
            }
        }

        return true;
    }

    /// <summary>
    /// The exception an NLMSG_ERROR/NLMSG_DONE message carries (with the extended-ack text), or null for an ack.
    /// </summary>
    internal static NetlinkException? ErrorFrom(in NetlinkMessage m, string what)
    {
        var p = m.Payload;
        if (p.Length < 4)
        {
            return null; // NLMSG_DONE of an old kernel without an error field
        }

        var error = MemoryMarshal.Read<int>(p);
        if (error == 0)
        {
            return null;
        }

        string? text = null;
        if ((m.Header.Flags & Nl.FAckTlvs) != 0)
        {
            var skip = 4;
            if (m.Type == Nl.MsgError)
            {
                // nlmsgerr: error + the request header; without NLM_F_CAPPED the whole request is echoed.
                var echoed = p.Length >= 4 + Nl.HeaderSize ? (int)MemoryMarshal.Read<uint>(p[4..]) : Nl.HeaderSize;
                skip += (m.Header.Flags & Nl.FCapped) != 0 ? Nl.HeaderSize : Nl.Align(echoed);
            }

            if (skip <= p.Length)
            {
                foreach (var a in new AttributeReader(p[skip..]))
                {
                    if (a.Type == Nl.ErrAttrMsg)
                    {
                        text = a.String();
                    }
                }
            }
        }

        return ErrorMapper.FromErrno(-error, what, text);
    }

    private void Send(ReadOnlySpan<byte> message, string what)
    {
        var kernel = new Native.SockaddrNl { Family = Native.AfNetlink };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            nint sent;
            fixed (byte* p = message)
            {
                sent = Native.SendTo(_handle, p, (nuint)message.Length, 0, &kernel, sizeof(Native.SockaddrNl));
            }

            if (sent >= 0)
            {
                return;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Native.EINTR)
            {
                throw ErrorMapper.FromErrno(errno, $"{what} (sending)");
            }
        }

        throw new NetlinkException(Errno.EINTR, $"{what}: sending kept being interrupted");
    }

    /// <summary>Receives one datagram into the (grown as needed) buffer; returns its length or -1 on timeout.</summary>
    private int Receive(int timeoutMs, string what)
    {
        // Keep the descriptor alive while poll() uses the raw number (a concurrent Dispose cannot reuse it).
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            return ReceiveCore(timeoutMs, what);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private int ReceiveCore(int timeoutMs, string what)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var pfd = new Native.PollFd { Fd = _handle.Fd, Events = Native.PollIn };
            var ready = Native.Poll(&pfd, 1, timeoutMs);
            if (ready == 0)
            {
                return -1;
            }

            if (ready < 0)
            {
                var e = Marshal.GetLastPInvokeError();
                if (e == Native.EINTR)
                {
                    continue;
                }

                throw ErrorMapper.FromErrno(e, $"{what} (poll)");
            }

            // Peek with MSG_TRUNC returns the real datagram length, so the buffer can grow before reading.
            nint size;
            fixed (byte* b = _buffer)
            {
                size = Native.Recv(_handle, b, (nuint)_buffer.Length, Native.MsgPeek | Native.MsgTrunc | Native.MsgDontwait);
            }

            if (size >= 0 && size > _buffer.Length)
            {
                _buffer = new byte[(int)size + 4096];
            }

            if (size >= 0)
            {
                fixed (byte* b = _buffer)
                {
                    size = Native.Recv(_handle, b, (nuint)_buffer.Length, Native.MsgDontwait);
                }
            }

            if (size >= 0)
            {
                return (int)size;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno is Native.EINTR or Native.EAGAIN)
            {
                continue;
            }

            throw errno == Native.ENOBUFS
                ? new NetlinkException(errno, $"{what}: the socket receive buffer overflowed and messages were lost; resynchronise with a full dump")
                : ErrorMapper.FromErrno(errno, $"{what} (receiving)");
        }

        throw new NetlinkException(Errno.EINTR, $"{what}: receiving kept being interrupted");
    }
}

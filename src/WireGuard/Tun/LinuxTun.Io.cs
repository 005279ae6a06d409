using WireGuard.Linux;

namespace WireGuard.Tun;

/// <summary>Read and write paths of <see cref="LinuxTun"/>.</summary>
public sealed unsafe partial class LinuxTun
{
    /// <inheritdoc/>
    public int Read(byte[][] buffers, Span<int> sizes, int offset)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var max = Math.Min(Math.Min(buffers.Length, sizes.Length), BatchSize);
        var n = 0;
        while (n < max)
        {
            if (!_pending)
            {
                var got = ReadRaw(block: n == 0);
                if (got < 0)
                {
                    return n;
                }

                if (got == 0)
                {
                    if (n == 0)
                    {
                        continue;
                    }

                    break;
                }

                _rawLen = got;
                _nextSegment = 0;
                _pending = true;
            }

            var hdr = VirtioNetHdr.Read(_raw);
            var k = GsoSplitter.Split(_raw.AsSpan(VirtioNetHdr.Size, _rawLen - VirtioNetHdr.Size), hdr, _nextSegment, buffers.AsSpan(n, max - n), sizes[n..max], offset, out var done);
            if (k < 0)
            {
                Malformed++;
                _pending = false;
                continue;
            }

            n += k;
            _nextSegment += k;
            _pending = !done;
        }

        return n;
    }

    /// <summary>One read of a (super-)packet into the raw buffer: length, 0 when nothing is ready (non-blocking), -1 when closed.</summary>
    private int ReadRaw(bool block)
    {
        while (true)
        {
            if (_waker.Signalled)
            {
                return -1;
            }

            nint r;
            fixed (byte* p = _raw)
            {
                r = Native.Read(_fd.Fd, p, (nuint)_raw.Length);
            }

            if (r > VirtioNetHdr.Size)
            {
                return (int)r;
            }

            if (r >= 0)
            {
                continue; // runt; try the next one
            }

            var e = Native.Errno;
            if (e == Native.EAGAIN)
            {
                if (!block)
                {
                    return 0;
                }

                if (!_waker.Wait(_fd.Fd, Native.POLLIN, -1))
                {
                    return -1;
                }

                continue;
            }

            if (e == Native.EINTR)
            {
                continue;
            }

            // EBADFD (interface deleted), EIO, EBADF: the device is gone
            MarkClosed();
            return -1;
        }
    }

    /// <inheritdoc/>
    public void Write(byte[][] buffers, ReadOnlySpan<int> sizes, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        lock (_writeLock)
        {
            if (_fd.IsClosed)
            {
                return;
            }

            for (var i = 0; i < count; i++)
            {
                if (!_coalescer.Add(buffers[i].AsSpan(offset, sizes[i])))
                {
                    WriteOne(buffers[i], offset, sizes[i]);
                }
            }

            _coalescer.Flush();
        }
    }

    private void WriteFrame(ReadOnlySpan<byte> frame)
    {
        fixed (byte* p = frame)
        {
            WriteRaw(p, frame.Length);
        }
    }

    private void WriteOne(byte[] buf, int offset, int size)
    {
        if (size <= 0)
        {
            return;
        }

        byte[] b;
        int start;
        if (offset >= VirtioNetHdr.Size)
        {
            b = buf;
            start = offset - VirtioNetHdr.Size;
        }
        else
        {
            b = _wbuf;
            start = 0;
            buf.AsSpan(offset, size).CopyTo(b.AsSpan(VirtioNetHdr.Size));
        }

        b.AsSpan(start, VirtioNetHdr.Size).Clear();
        fixed (byte* p = b)
        {
            WriteRaw(p + start, size + VirtioNetHdr.Size);
        }
    }

    private void WriteRaw(byte* frame, int length)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var r = Native.Write(_fd.Fd, frame, (nuint)length);
            if (r >= 0)
            {
                return;
            }

            var e = Native.Errno;
            if (e == Native.EAGAIN)
            {
                _waker.Wait(_fd.Fd, Native.POLLOUT, 10);
                continue;
            }

            if (e != Native.EINTR)
            {
                WriteErrors++;
                return; // the kernel refused this packet (e.g. bad header or interface down): drop it
            }
        }
    }

    /// <summary>Packets the kernel refused on write (dropped).</summary>
    public long WriteErrors { get; private set; }
}

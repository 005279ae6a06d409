using System.Buffers;
using System.Buffers.Binary;
using WireGuard.Crypto;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>TUN → UDP: routing by destination, staging while no session exists, in-place encryption.</summary>
public sealed partial class WireGuardDevice
{
    [ThreadStatic]
    private static byte[][]? _oneBuffer;

    [ThreadStatic]
    private static int[]? _oneSize;

    private void SendLoop()
    {
        var batch = Math.Max(1, _tun.BatchSize);
        var job = new SealJob(batch);
        var peers = new Peer?[batch];
        var outBufs = new byte[batch][];
        var outSizes = new int[batch];
        using var done = new CountdownEvent(0);
        while (!_disposed)
        {
            var n = _tun.Read(job.Buffers, job.Sizes, HeadRoom);
            if (n <= 0)
            {
                return;
            }

            job.Mtu = _tun.Mtu;
            var now = NowMs;
            for (var i = 0; i < n; i++)
            {
                peers[i] = Route(job.Buffers[i].AsSpan(HeadRoom, job.Sizes[i]));
            }

            // 1. sequential: a keypair and a counter per packet, or staging when there is no usable session
            for (var (start, end) = (0, 0); start < n; start = end)
            {
                end = RunEnd(peers, start, n);
                AssignCounters(peers[start], job, start, end, now);
            }

            // 2. parallel: seal in place
            _crypto!.Run(job, n, done);

            // 3. sequential: send each peer's packets in order, then flush what was staged
            for (var (start, end) = (0, 0); start < n; start = end)
            {
                end = RunEnd(peers, start, n);
                if (peers[start] is { } peer)
                {
                    FinishRun(peer, job, start, end, outBufs, outSizes, now);
                }
            }

            Array.Clear(peers, 0, n);
            Array.Clear(job.Keypairs, 0, n);
        }
    }

    private static int RunEnd(Peer?[] peers, int start, int n)
    {
        var end = start + 1;
        while (end < n && ReferenceEquals(peers[end], peers[start]))
        {
            end++;
        }

        return end;
    }

    private Peer? Route(ReadOnlySpan<byte> packet)
    {
        if (packet.Length >= 20 && packet[0] >> 4 == 4)
        {
            return _routes.Lookup(packet.Slice(16, 4));
        }

        if (packet.Length >= 40 && packet[0] >> 4 == 6)
        {
            return _routes.Lookup(packet.Slice(24, 16));
        }

        return null;
    }

    private void AssignCounters(Peer? peer, SealJob job, int start, int end, long now)
    {
        if (peer is null)
        {
            Interlocked.Add(ref _counters.NoRoute, end - start);
            return;
        }

        var kp = peer.Keypairs.Current;
        var ep = peer.Endpoint;
        var usable = kp is not null && !kp.IsExpired(now) && peer.Staged.Count == 0 && ep is not null;
        var limit = ep is { } e ? InnerLimit(peer, e) : int.MaxValue;
        var padMtu = Math.Min(job.Mtu, limit);
        for (var i = start; i < end; i++)
        {
            if (job.Sizes[i] > limit)
            {
                DropTooBig(peer, job.Buffers[i].AsSpan(HeadRoom, job.Sizes[i]), limit, now);
            }
            else if (usable && kp!.TryNextCounter(out var counter))
            {
                job.Keypairs[i] = kp;
                job.Counters[i] = counter;
                job.PadMtus[i] = padMtu;
            }
            else
            {
                usable = false;
                Stage(peer, job.Buffers[i].AsSpan(HeadRoom, job.Sizes[i]));
            }
        }
    }

    private void FinishRun(Peer peer, SealJob job, int start, int end, byte[][] outBufs, int[] outSizes, long now)
    {
        var count = 0;
        long bytes = 0;
        Noise.Keypair? kp = null;
        for (var i = start; i < end; i++)
        {
            if (job.Keypairs[i] is { } k && job.Results[i] > 0)
            {
                kp = k;
                outBufs[count] = job.Buffers[i];
                outSizes[count++] = job.Results[i];
                bytes += job.Results[i];
            }
        }

        if (count > 0)
        {
            SendToPeer(peer, outBufs, outSizes, count, bytes, data: true, now);
            Array.Clear(outBufs, 0, count);
        }

        if (count < end - start)
        {
            SendStaged(peer);
        }
        else if (kp is not null && kp.NeedsRekeyOnSend(now))
        {
            RequestHandshake(peer, isRetry: false);
        }
    }

    /// <summary>The send loop's batch: packets, their keypairs and counters, and the sealed sizes.</summary>
    private sealed class SealJob : IBatchJob
    {
        public SealJob(int batch)
        {
            Buffers = new byte[batch][];
            for (var i = 0; i < batch; i++)
            {
                Buffers[i] = new byte[BufferSize];
            }

            Sizes = new int[batch];
            Keypairs = new Noise.Keypair?[batch];
            Counters = new ulong[batch];
            Results = new int[batch];
            PadMtus = new int[batch];
        }

        public byte[][] Buffers { get; }

        public int[] Sizes { get; }

        public Noise.Keypair?[] Keypairs { get; }

        public ulong[] Counters { get; }

        public int[] Results { get; }

        public int Mtu { get; set; }

        /// <summary>Per packet: the MTU padding may not cross (the TUN's, or less when the peer's path is smaller).</summary>
        public int[] PadMtus { get; }

        public void Process(int start, int end)
        {
            var aead = ChaChaPoly.ForCurrentThread;
            for (var i = start; i < end; i++)
            {
                Results[i] = 0;
                if (Keypairs[i] is { } kp)
                {
                    Results[i] = Seal(aead, kp, Counters[i], Buffers[i], Sizes[i], PadMtus[i]);
                }
            }
        }
    }

    /// <summary>Pads, encrypts in place and writes the header; returns the datagram length.</summary>
    private static int Seal(ChaChaPoly aead, Keypair kp, ulong counter, byte[] buf, int len, int mtu)
    {
        var padded = PaddedLength(len, mtu);
        buf.AsSpan(HeadRoom + len, padded - len).Clear();
        var payload = buf.AsSpan(HeadRoom, padded);
        aead.Seal(kp.SendKey, counter, payload, default, buf.AsSpan(HeadRoom, padded + ChaChaPoly.TagSize));
        var header = buf.AsSpan(0, HeadRoom);
        BinaryPrimitives.WriteUInt32LittleEndian(header, Protocol.TypeTransport);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], kp.RemoteIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], counter);
        return HeadRoom + padded + ChaChaPoly.TagSize;
    }

    /// <summary>Plaintext length padded to a multiple of 16, never past the MTU (wireguard-go's rule).</summary>
    internal static int PaddedLength(int len, int mtu)
    {
        var last = len;
        if (mtu > 0 && len > mtu)
        {
            last %= mtu;
        }

        var padded = (last + 15) & ~15;
        if (mtu > 0 && padded > mtu)
        {
            padded = mtu;
        }

        return len + Math.Max(0, padded - last);
    }

    private void SendToPeer(Peer peer, byte[][] bufs, int[] sizes, int count, long bytes, bool data, long now)
    {
        var ep = peer.Endpoint;
        if (ep is null)
        {
            return;
        }

        try
        {
            _bind.Send(bufs, 0, sizes, count, ep.Value);
        }
#pragma warning disable CA1031 // a send error (no route, bind reopening) is a lost datagram, as with any UDP send
        catch (Exception)
        {
            return;
        }
#pragma warning restore CA1031

        peer.AddTx(bytes);
        lock (peer.TimerLock)
        {
            if (data)
            {
                peer.Timers.DataSent(now, Random.Shared.Next(Protocol.RekeyTimeoutJitterMaxMs));
            }

            peer.Timers.AnyAuthenticatedPacketSent();
            peer.Timers.AnyAuthenticatedPacketTraversal(now);
        }
    }

    /// <summary>Sends one ready datagram (a handshake message or one transport packet) to the peer's endpoint.</summary>
    private void SendRaw(Peer peer, byte[] buf, int len)
    {
        var ep = peer.Endpoint;
        if (ep is not null)
        {
            SendRaw(ep.Value, buf, len);
        }
    }

    private void SendRaw(Conn.UdpEndpoint ep, byte[] buf, int len)
    {
        var one = _oneBuffer ??= new byte[1][];
        var size = _oneSize ??= new int[1];
        one[0] = buf;
        size[0] = len;
        try
        {
            _bind.Send(one, 0, size, 1, ep);
        }
#pragma warning disable CA1031 // a failed UDP send is a lost datagram (bind closed, no route), never an error of the caller
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        finally
        {
            one[0] = null!;
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using WireGuard.Conn;
using WireGuard.Crypto;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>UDP → TUN: message dispatch, decryption, replay window, allowed-IPs source check, roaming.</summary>
public sealed partial class WireGuardDevice
{
    private void ReceiveLoop()
    {
        var batch = Math.Max(1, _bind.BatchSize);
        var job = new OpenJob(batch);
        var eps = new UdpEndpoint[batch];
        var outBufs = new byte[batch][];
        var outSizes = new int[batch];
        var dropped = new List<Keypair>();
        using var done = new CountdownEvent(0);
        while (!_disposed)
        {
            int n;
            try
            {
                n = _bind.Receive(job.Buffers, job.Sizes, eps);
            }
            catch (Exception ex) when (!_disposed && ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                // a transient socket error (or a reopen in progress) must not end the loop
                Log.ReceiveError(_log, ex.Message);
                Thread.Sleep(10);
                continue;
            }

            if (n <= 0)
            {
                // Closed: either the device stops or the listen port is being changed.
                if (_bindOpen.IsSet)
                {
                    Thread.Sleep(1); // a bind that returns nothing while open must not make this loop spin
                }

                _bindOpen.Wait(_stop.Token);
                continue;
            }

            // 1. sequential: dispatch handshakes, find the keypair of each transport packet
            var now = NowMs;
            for (var i = 0; i < n; i++)
            {
                job.Keypairs[i] = Classify(job.Buffers[i], job.Sizes[i], eps[i], now);
            }

            // 2. parallel: decrypt in place
            _crypto!.Run(job, n, done);

            // 3. sequential, in arrival order: replay window, roaming, timers, source check
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                if (job.Keypairs[i] is { } kp)
                {
                    var len = AfterDecrypt(kp, job.Buffers[i], job.Sizes[i], job.Opened[i], eps[i], now, dropped);
                    if (len > 0)
                    {
                        outBufs[count] = job.Buffers[i];
                        outSizes[count++] = len;
                    }
                }
            }

            Array.Clear(job.Keypairs, 0, n);
            if (count > 0)
            {
                try
                {
                    _tun.Write(outBufs, outSizes, HeadRoom, count);
                }
                catch (IOException ex) when (!_disposed)
                {
                    Log.TunWriteError(_log, count, ex.Message); // the batch is lost, the device goes on
                }

                Array.Clear(outBufs, 0, count);
            }
        }
    }

    /// <summary>Handles handshake-type datagrams at once; returns the keypair a transport packet should be opened with, or null. Never throws on input.</summary>
    private Keypair? Classify(byte[] buf, int size, UdpEndpoint src, long now)
    {
        if (size < 4 || buf[1] != 0 || buf[2] != 0 || buf[3] != 0)
        {
            Interlocked.Increment(ref _counters.Malformed);
            return null;
        }

        switch (buf[0])
        {
            case Protocol.TypeTransport when size >= Protocol.TransportMinSize:
                var kp = _index.Lookup(BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(4)))?.Keypair;
                if (kp is null)
                {
                    Interlocked.Increment(ref _counters.UnknownIndex);
                    return null;
                }

                if (kp.IsExpired(now))
                {
                    Interlocked.Increment(ref _counters.Expired);
                    return null;
                }

                return kp;
            case Protocol.TypeInitiation when size == Protocol.InitiationSize:
            case Protocol.TypeResponse when size == Protocol.ResponseSize:
                EnqueueHandshake(buf.AsSpan(0, size), src);
                return null;
            case Protocol.TypeCookieReply when size == Protocol.CookieReplySize:
                ReceiveCookieReply(buf.AsSpan(0, size));
                return null;
            default:
                Interlocked.Increment(ref _counters.Malformed);
                return null;
        }
    }

    /// <summary>Returns the length of the IP packet left at HeadRoom for the TUN, or 0 when it is dropped or a keepalive.</summary>
    private int AfterDecrypt(Keypair kp, byte[] buf, int size, bool opened, UdpEndpoint src, long now, List<Keypair> dropped)
    {
        if (!opened)
        {
            Interlocked.Increment(ref _counters.ForgedTag);
            return 0;
        }

        if (!kp.Replay.Validate(BinaryPrimitives.ReadUInt64LittleEndian(buf.AsSpan(8))))
        {
            Interlocked.Increment(ref _counters.Replay);
            return 0;
        }

        if (kp.Owner is not Peer peer || peer.Removed)
        {
            return 0;
        }

        var plainLen = size - Protocol.TransportMinSize;
        AfterAuthenticated(peer, kp, src, now, isData: plainLen > 0, dropped);
        peer.AddRx(size);
        if (plainLen == 0)
        {
            return 0; // keepalive
        }

        var packet = buf.AsSpan(HeadRoom, plainLen);
        int ipLen;
        ReadOnlySpan<byte> source;
        if (packet[0] >> 4 == 4 && plainLen >= 20)
        {
            ipLen = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
            source = packet.Slice(12, 4);
        }
        else if (packet[0] >> 4 == 6 && plainLen >= 40)
        {
            ipLen = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) + 40;
            source = packet.Slice(8, 16);
        }
        else
        {
            Interlocked.Increment(ref _counters.Malformed);
            return 0;
        }

        if (ipLen > plainLen || ipLen < 20)
        {
            Interlocked.Increment(ref _counters.Malformed);
            return 0;
        }

        if (!ReferenceEquals(_routes.Lookup(source), peer))
        {
            Interlocked.Increment(ref _counters.SourceMismatch);
            return 0;
        }

        return ipLen;
    }

    /// <summary>The receive loop's batch: datagrams, the keypair to open each with, and whether it authenticated.</summary>
    private sealed class OpenJob : IBatchJob
    {
        public OpenJob(int batch)
        {
            Buffers = new byte[batch][];
            for (var i = 0; i < batch; i++)
            {
                Buffers[i] = new byte[BufferSize];
            }

            Sizes = new int[batch];
            Keypairs = new Keypair?[batch];
            Opened = new bool[batch];
        }

        public byte[][] Buffers { get; }

        public int[] Sizes { get; }

        public Keypair?[] Keypairs { get; }

        public bool[] Opened { get; }

        public void Process(int start, int end)
        {
            var aead = ChaChaPoly.ForCurrentThread;
            for (var i = start; i < end; i++)
            {
                Opened[i] = false;
                if (Keypairs[i] is { } kp)
                {
                    var buf = Buffers[i];
                    var size = Sizes[i];
                    var counter = BinaryPrimitives.ReadUInt64LittleEndian(buf.AsSpan(8));
                    Opened[i] = aead.Open(kp.ReceiveKey, counter, buf.AsSpan(HeadRoom, size - HeadRoom), default, buf.AsSpan(HeadRoom, size - Protocol.TransportMinSize));
                }
            }
        }
    }

    /// <summary>Bookkeeping for every authenticated transport packet: confirmation of "next", roaming, timers.</summary>
    private void AfterAuthenticated(Peer peer, Keypair kp, UdpEndpoint src, long now, bool isData, List<Keypair> dropped)
    {
        if (peer.SetEndpoint(src) && _log.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            Log.Roamed(_log, peer.PublicKey.ToBase64(), src.ToString());
        }

        var confirmed = peer.Keypairs.Received(kp, dropped);
        lock (peer.TimerLock)
        {
            if (confirmed)
            {
                peer.Timers.HandshakeComplete();
            }

            peer.Timers.AnyAuthenticatedPacketReceived();
            peer.Timers.AnyAuthenticatedPacketTraversal(now);
            if (isData)
            {
                peer.Timers.DataReceived(now);
            }
        }

        if (confirmed)
        {
            ForgetKeypairs(dropped);
            peer.SetLastHandshake(_time.GetUtcNow());
            Log.HandshakeComplete(_log, peer.PublicKey.ToBase64(), "responder");
            SendStaged(peer);
        }

        if (ReferenceEquals(peer.Keypairs.Current, kp) && kp.NeedsRekeyOnReceive(now))
        {
            RequestHandshake(peer, isRetry: false);
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>Handshake worker (initiations and responses from the queue) and sending initiations.</summary>
public sealed partial class WireGuardDevice
{
    /// <summary>The handshake thread: queued initiations/responses and initiation requests (no thread-pool dependency).</summary>
    private void HandshakeWorker()
    {
        var dropped = new List<Keypair>();
        foreach (var work in _handshakes.GetConsumingEnumerable(_stop.Token))
        {
            try
            {
                if (work.Initiate is { } peer)
                {
                    SendInitiation(peer, work.IsRetry);
                }
                else
                {
                    Interlocked.Decrement(ref _queuedHandshakes);
                    ProcessHandshake(work.Buffer.AsSpan(0, work.Length), work.Source, dropped);
                }
            }
#pragma warning disable CA1031 // hostile input must never stop the worker
            catch (Exception ex)
            {
                if (!_disposed)
                {
                    Log.LoopFailed(_log, ex, _tun.Name, "handshake message");
                }
            }
#pragma warning restore CA1031
            finally
            {
                if (work.Buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(work.Buffer);
                }

                dropped.Clear();
            }
        }
    }

    /// <summary>Consumes one queued initiation or response (macs already checked).</summary>
    internal void ProcessHandshake(ReadOnlySpan<byte> msg, Conn.UdpEndpoint src, List<Keypair> dropped)
    {
        var id = _identity;
        if (id is null)
        {
            return;
        }

        if (msg[0] == Protocol.TypeInitiation)
        {
            RespondToInitiation(id, msg, src, dropped);
        }
        else
        {
            ConsumeResponse(id, msg, src, dropped);
        }
    }

    private void RespondToInitiation(StaticIdentity id, ReadOnlySpan<byte> msg, Conn.UdpEndpoint src, List<Keypair> dropped)
    {
        var now = NowMs;
        var hs = NoiseIK.ConsumeInitiation(id, msg, k => _peers.TryGetValue(new Key(k), out var p) && !p.Removed ? p.Handshake : null, now);
        if (hs is null)
        {
            Interlocked.Increment(ref _counters.HandshakeFailed);
            return;
        }

        var peer = (Peer)hs.Owner;
        peer.SetEndpoint(src);
        peer.AddRx(msg.Length);
        lock (peer.TimerLock)
        {
            peer.Timers.AnyAuthenticatedPacketReceived();
            peer.Timers.AnyAuthenticatedPacketTraversal(now);
        }

        var response = new byte[Protocol.ResponseSize];
        Keypair? kp;
        lock (hs)
        {
            if (hs.State != HandshakeState.InitiationConsumed)
            {
                return;
            }

            _index.Remove(hs.LocalIndex);
            var idx = _index.NewIndex(peer);
            if (!NoiseIK.CreateResponse(hs, idx, response) || (kp = NoiseIK.BeginSession(hs, now)) is null)
            {
                _index.Remove(idx);
                hs.Clear();
                Interlocked.Increment(ref _counters.HandshakeFailed);
                return;
            }

            kp.Owner = peer;
            _index.SwapToKeypair(idx, kp);
        }

        peer.Keypairs.Install(kp, dropped);
        ForgetKeypairs(dropped);
        peer.Cookies.AddMacs(response, now);
        SendRaw(src, response, response.Length);
        peer.AddTx(response.Length);
        lock (peer.TimerLock)
        {
            peer.Timers.SessionDerived(now);
            peer.Timers.AnyAuthenticatedPacketSent();
            peer.Timers.AnyAuthenticatedPacketTraversal(now);
        }
    }

    private void ConsumeResponse(StaticIdentity id, ReadOnlySpan<byte> msg, Conn.UdpEndpoint src, List<Keypair> dropped)
    {
        var entry = _index.Lookup(BinaryPrimitives.ReadUInt32LittleEndian(msg[8..]));
        if (entry?.Handshake is not { } hs || entry.Peer.Removed)
        {
            Interlocked.Increment(ref _counters.UnknownIndex);
            return;
        }

        var peer = entry.Peer;
        var now = NowMs;
        if (!NoiseIK.ConsumeResponse(id, hs, msg))
        {
            Interlocked.Increment(ref _counters.HandshakeFailed);
            return;
        }

        Keypair? kp;
        lock (hs)
        {
            var idx = hs.LocalIndex;
            kp = NoiseIK.BeginSession(hs, now);
            if (kp is null)
            {
                return;
            }

            kp.Owner = peer;
            _index.SwapToKeypair(idx, kp);
        }

        peer.SetEndpoint(src);
        peer.AddRx(msg.Length);
        peer.Keypairs.Install(kp, dropped);
        ForgetKeypairs(dropped);
        peer.SetLastHandshake(_time.GetUtcNow());
        lock (peer.TimerLock)
        {
            peer.Timers.HandshakeComplete();
            peer.Timers.SessionDerived(now);
            peer.Timers.AnyAuthenticatedPacketReceived();
            peer.Timers.AnyAuthenticatedPacketTraversal(now);
        }

        Log.HandshakeComplete(_log, peer.PublicKey.ToBase64(), "initiator");
        SendKeepalive(peer); // sends the staged packets, or a keepalive to confirm the session
    }

    /// <summary>Queues an initiation on the handshake thread unless one is already queued.</summary>
    private void RequestHandshake(Peer peer, bool isRetry)
    {
        if (_disposed || !_started || peer.Removed || Interlocked.CompareExchange(ref peer.InitiationQueued, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (!_handshakes.TryAdd(new HandshakeWork(null, 0, default, peer, isRetry)))
            {
                Interlocked.Exchange(ref peer.InitiationQueued, 0);
            }
        }
        catch (InvalidOperationException)
        {
            // the device is stopping
        }
    }

    /// <summary>Creates and sends an initiation now (rate limited to one per 5 s unless it is a retransmission).</summary>
    internal void SendInitiation(Peer peer, bool isRetry)
    {
        Interlocked.Exchange(ref peer.InitiationQueued, 0);
        var id = _identity;
        if (_disposed || id is null || peer.Removed || peer.Endpoint is null)
        {
            return;
        }

        var now = NowMs;
        var msg = new byte[Protocol.InitiationSize];
        var hs = peer.Handshake;
        lock (hs)
        {
            if (!isRetry && now - hs.LastSentInitiationMs < Protocol.RekeyTimeoutMs)
            {
                return;
            }

            _index.Remove(hs.LocalIndex);
            var idx = _index.NewIndex(peer);
            if (!NoiseIK.CreateInitiation(id, hs, idx, _time.GetUtcNow(), msg))
            {
                _index.Remove(idx);
                hs.Clear();
                return;
            }

            hs.LastSentInitiationMs = now;
        }

        int attempt;
        lock (peer.TimerLock)
        {
            if (!isRetry)
            {
                peer.Timers.ResetAttempts();
            }

            attempt = peer.Timers.HandshakeAttempts;
            peer.Timers.HandshakeInitiated(now, Random.Shared.Next(Protocol.RekeyTimeoutJitterMaxMs));
            peer.Timers.AnyAuthenticatedPacketSent();
            peer.Timers.AnyAuthenticatedPacketTraversal(now);
        }

        Log.SendingInitiation(_log, peer.PublicKey.ToBase64(), attempt + 1);
        peer.Cookies.AddMacs(msg, now);
        SendRaw(peer, msg, msg.Length);
        peer.AddTx(msg.Length);
    }

    private void ForgetKeypairs(List<Keypair> dropped)
    {
        foreach (var kp in dropped)
        {
            _index.Remove(kp.LocalIndex);
            kp.Wipe();
        }

        dropped.Clear();
    }

    private void ZeroPeerKeys(Peer peer)
    {
        var dropped = new List<Keypair>();
        peer.Keypairs.Clear(dropped);
        ForgetKeypairs(dropped);
        lock (peer.Handshake)
        {
            _index.Remove(peer.Handshake.LocalIndex);
            peer.Handshake.Clear();
        }
    }
}

using System.Buffers;
using WireGuard.Crypto;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>Staging: packets wait (at most 128 per peer) while no session exists; keepalives go the same way.</summary>
public sealed partial class WireGuardDevice
{
    private void Stage(Peer peer, ReadOnlySpan<byte> packet)
    {
        var buf = ArrayPool<byte>.Shared.Rent(HeadRoom + packet.Length + 32);
        packet.CopyTo(buf.AsSpan(HeadRoom));
        lock (peer.Staged)
        {
            if (peer.Staged.Count >= Protocol.MaxStagedPackets)
            {
                ArrayPool<byte>.Shared.Return(peer.Staged.Dequeue().Buffer);
                Interlocked.Increment(ref _counters.StagedDropped);
            }

            peer.Staged.Enqueue(new StagedPacket(buf, packet.Length));
        }
    }

    /// <summary>Sends the staged packets when a usable session exists, otherwise starts a handshake.</summary>
    private void SendStaged(Peer peer)
    {
        if (peer.Removed)
        {
            DropStaged(peer);
            return;
        }

        var now = NowMs;
        var kp = peer.Keypairs.Current;
        if (kp is null || kp.IsExpired(now) || kp.SendCount >= Protocol.RejectAfterMessages || peer.Endpoint is null)
        {
            RequestHandshake(peer, isRetry: false);
            return;
        }

        if (kp.NeedsRekeyOnSend(now))
        {
            RequestHandshake(peer, isRetry: false);
        }

        var aead = ChaChaPoly.ForCurrentThread;
        var mtu = _tun.Mtu;
        while (true)
        {
            StagedPacket p;
            lock (peer.Staged)
            {
                if (!peer.Staged.TryDequeue(out p))
                {
                    return;
                }
            }

            if (!kp.TryNextCounter(out var counter))
            {
                ArrayPool<byte>.Shared.Return(p.Buffer);
                RequestHandshake(peer, isRetry: false);
                return;
            }

            var limit = peer.Endpoint is { } ep ? InnerLimit(peer, ep) : int.MaxValue;
            if (p.Length > limit)
            {
                DropTooBig(peer, p.Buffer.AsSpan(HeadRoom, p.Length), limit, now);
                ArrayPool<byte>.Shared.Return(p.Buffer);
                continue;
            }

            var len = Seal(aead, kp, counter, p.Buffer, p.Length, Math.Min(mtu, limit));
            SendRaw(peer, p.Buffer, len);
            ArrayPool<byte>.Shared.Return(p.Buffer);
            peer.AddTx(len);
            lock (peer.TimerLock)
            {
                if (p.Length > 0)
                {
                    peer.Timers.DataSent(now, Random.Shared.Next(Protocol.RekeyTimeoutJitterMaxMs));
                }

                peer.Timers.AnyAuthenticatedPacketSent();
                peer.Timers.AnyAuthenticatedPacketTraversal(now);
            }
        }
    }

    /// <summary>Queues an empty packet (unless data is already waiting) and flushes.</summary>
    private void SendKeepalive(Peer peer)
    {
        lock (peer.Staged)
        {
            if (peer.Staged.Count == 0)
            {
                peer.Staged.Enqueue(new StagedPacket(ArrayPool<byte>.Shared.Rent(HeadRoom + 32), 0));
            }
        }

        SendStaged(peer);
    }

    private void DropStaged(Peer peer)
    {
        lock (peer.Staged)
        {
            while (peer.Staged.TryDequeue(out var p))
            {
                if (p.Length > 0)
                {
                    Interlocked.Increment(ref _counters.StagedDropped);
                }

                ArrayPool<byte>.Shared.Return(p.Buffer);
            }
        }
    }
}

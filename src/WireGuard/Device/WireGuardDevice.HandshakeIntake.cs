using System.Buffers;
using System.Buffers.Binary;
using WireGuard.Conn;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>Handshake intake on the receive path: mac1, the under-load cookie/rate-limit decision, queueing.</summary>
public sealed partial class WireGuardDevice
{
    private void EnqueueHandshake(ReadOnlySpan<byte> msg, UdpEndpoint src)
    {
        if (!_cookieChecker.CheckMac1(msg))
        {
            Interlocked.Increment(ref _counters.BadMac);
            return;
        }

        var queued = Volatile.Read(ref _queuedHandshakes);
        if (queued >= UnderLoadThreshold)
        {
            var now = NowMs;
            if (!_cookieChecker.CheckMac2(msg, src, now))
            {
                var reply = ArrayPool<byte>.Shared.Rent(Protocol.CookieReplySize);
                if (_cookieChecker.CreateReply(msg, src, now, reply))
                {
                    SendRaw(src, reply, Protocol.CookieReplySize);
                    Interlocked.Increment(ref _counters.CookieRepliesSent);
                }

                ArrayPool<byte>.Shared.Return(reply);
                return;
            }

            if (!_rateLimiter.Allow(src, now))
            {
                Interlocked.Increment(ref _counters.RateLimited);
                return;
            }
        }

        if (queued >= MaxQueuedHandshakes)
        {
            Interlocked.Increment(ref _counters.RateLimited);
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(msg.Length);
        msg.CopyTo(copy);
        Interlocked.Increment(ref _queuedHandshakes);
        bool added;
        try
        {
            added = _handshakes.TryAdd(new HandshakeWork(copy, msg.Length, src));
        }
        catch (InvalidOperationException)
        {
            added = false; // stopping
        }

        if (!added)
        {
            Interlocked.Decrement(ref _queuedHandshakes);
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private void ReceiveCookieReply(ReadOnlySpan<byte> msg)
    {
        var entry = _index.Lookup(BinaryPrimitives.ReadUInt32LittleEndian(msg[4..]));
        if (entry is null)
        {
            Interlocked.Increment(ref _counters.UnknownIndex);
            return;
        }

        if (!entry.Peer.Cookies.ConsumeReply(msg, NowMs))
        {
            Interlocked.Increment(ref _counters.BadMac);
        }
    }
}

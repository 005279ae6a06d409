using static WireGuard.Noise.Protocol;

namespace WireGuard.Timers;

/// <summary>
/// The per-peer timer state machine of the whitepaper (§6), pure: events record deadlines in milliseconds of a
/// monotonic clock, <see cref="Poll"/> returns what is due. No threads, no clock of its own.
/// Not thread-safe: the device calls it under the peer's timer lock.
/// </summary>
public sealed class PeerTimers
{
    private const long Off = long.MaxValue;

    /// <summary>Deadline of the initiation retransmission.</summary>
    public long RetransmitAt { get; private set; } = Off;

    /// <summary>Deadline of the passive keepalive.</summary>
    public long KeepaliveAt { get; private set; } = Off;

    /// <summary>Deadline of the "data unanswered" handshake.</summary>
    public long NewHandshakeAt { get; private set; } = Off;

    /// <summary>Deadline of key zeroing.</summary>
    public long ZeroKeysAt { get; private set; } = Off;

    /// <summary>Deadline of the persistent keepalive.</summary>
    public long PersistentKeepaliveAt { get; private set; } = Off;

    /// <summary>Retransmissions so far in the current handshake attempt.</summary>
    public int HandshakeAttempts { get; private set; }

    /// <summary>Persistent keepalive interval in seconds (0 = off).</summary>
    public int PersistentKeepaliveSeconds { get; set; }

    private bool _needAnotherKeepalive;

    /// <summary>An initiation was sent: arm the retransmission (5 s + jitter).</summary>
    public void HandshakeInitiated(long now, int jitterMs) => RetransmitAt = now + RekeyTimeoutMs + jitterMs;

    /// <summary>A fresh (not retransmitted) handshake starts counting attempts from zero.</summary>
    public void ResetAttempts() => HandshakeAttempts = 0;

    /// <summary>A handshake completed (either side).</summary>
    public void HandshakeComplete()
    {
        RetransmitAt = Off;
        HandshakeAttempts = 0;
    }

    /// <summary>New session keys were derived: zero them after 3 × reject-after-time unless renewed.</summary>
    public void SessionDerived(long now) => ZeroKeysAt = now + (3 * RejectAfterTimeMs);

    /// <summary>A data packet (not a keepalive) was sent: expect an answer within 15 s.</summary>
    public void DataSent(long now, int jitterMs)
    {
        if (NewHandshakeAt == Off)
        {
            NewHandshakeAt = now + KeepaliveTimeoutMs + RekeyTimeoutMs + jitterMs;
        }
    }

    /// <summary>Any authenticated packet (data, keepalive, handshake) was sent: no passive keepalive needed.</summary>
    public void AnyAuthenticatedPacketSent() => KeepaliveAt = Off;

    /// <summary>A data packet was received: answer with a keepalive in 10 s unless data goes back first.</summary>
    public void DataReceived(long now)
    {
        if (KeepaliveAt == Off)
        {
            KeepaliveAt = now + KeepaliveTimeoutMs;
        }
        else
        {
            _needAnotherKeepalive = true;
        }
    }

    /// <summary>Any authenticated packet was received: the peer is alive, no "unanswered data" handshake.</summary>
    public void AnyAuthenticatedPacketReceived() => NewHandshakeAt = Off;

    /// <summary>Any authenticated packet went either way: restart the persistent keepalive.</summary>
    public void AnyAuthenticatedPacketTraversal(long now)
    {
        if (PersistentKeepaliveSeconds > 0)
        {
            PersistentKeepaliveAt = now + (PersistentKeepaliveSeconds * 1000L);
        }
    }

    /// <summary>Stops every timer (peer removed or device down).</summary>
    public void Stop()
    {
        RetransmitAt = KeepaliveAt = NewHandshakeAt = ZeroKeysAt = PersistentKeepaliveAt = Off;
        HandshakeAttempts = 0;
        _needAnotherKeepalive = false;
    }

    /// <summary>The earliest armed deadline (long.MaxValue when none).</summary>
    public long NextDeadline =>
        Math.Min(Math.Min(RetransmitAt, KeepaliveAt), Math.Min(Math.Min(NewHandshakeAt, ZeroKeysAt), PersistentKeepaliveAt));

    /// <summary>Fires every due timer at <paramref name="now"/> and returns the actions.</summary>
    public TimerActions Poll(long now)
    {
        var actions = TimerActions.None;
        if (RetransmitAt <= now)
        {
            RetransmitAt = Off;
            if (HandshakeAttempts > MaxTimerHandshakes)
            {
                actions |= TimerActions.GiveUp;
                KeepaliveAt = Off;
                HandshakeAttempts = 0;
                if (ZeroKeysAt == Off)
                {
                    ZeroKeysAt = now + (3 * RejectAfterTimeMs);
                }
            }
            else
            {
                HandshakeAttempts++;
                actions |= TimerActions.RetransmitInitiation;
            }
        }

        if (KeepaliveAt <= now)
        {
            KeepaliveAt = Off;
            actions |= TimerActions.SendKeepalive;
            if (_needAnotherKeepalive)
            {
                _needAnotherKeepalive = false;
                KeepaliveAt = now + KeepaliveTimeoutMs;
            }
        }

        if (NewHandshakeAt <= now)
        {
            NewHandshakeAt = Off;
            actions |= TimerActions.NewInitiation;
        }

        if (ZeroKeysAt <= now)
        {
            ZeroKeysAt = Off;
            actions |= TimerActions.ZeroKeys;
        }

        if (PersistentKeepaliveAt <= now)
        {
            PersistentKeepaliveAt = Off;
            actions |= TimerActions.SendKeepalive;
        }

        return actions;
    }
}

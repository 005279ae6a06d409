namespace WireGuard.Timers;

/// <summary>What the device must do after <see cref="PeerTimers.Poll"/>.</summary>
[Flags]
public enum TimerActions
{
    /// <summary>Nothing is due.</summary>
    None = 0,

    /// <summary>Send a handshake initiation (a retransmission: keep the attempt count).</summary>
    RetransmitInitiation = 1,

    /// <summary>Send a new handshake initiation (data went unanswered for 15 s).</summary>
    NewInitiation = 2,

    /// <summary>The handshake was given up after 90 s: drop the staged packets.</summary>
    GiveUp = 4,

    /// <summary>Send a keepalive (passive or persistent).</summary>
    SendKeepalive = 8,

    /// <summary>Wipe every session key and the handshake state (540 s after the last session).</summary>
    ZeroKeys = 16,
}

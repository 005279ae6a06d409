namespace WireGuard.Noise;

/// <summary>Message types, sizes and protocol limits of WireGuard (whitepaper §5 and §6).</summary>
public static class Protocol
{
    /// <summary>Handshake initiation.</summary>
    public const byte TypeInitiation = 1;

    /// <summary>Handshake response.</summary>
    public const byte TypeResponse = 2;

    /// <summary>Cookie reply.</summary>
    public const byte TypeCookieReply = 3;

    /// <summary>Transport data.</summary>
    public const byte TypeTransport = 4;

    /// <summary>Exact initiation size.</summary>
    public const int InitiationSize = 148;

    /// <summary>Exact response size.</summary>
    public const int ResponseSize = 92;

    /// <summary>Exact cookie reply size.</summary>
    public const int CookieReplySize = 64;

    /// <summary>Transport header: type, receiver index, counter.</summary>
    public const int TransportHeaderSize = 16;

    /// <summary>Smallest transport message (a keepalive): header and tag.</summary>
    public const int TransportMinSize = TransportHeaderSize + 16;

    /// <summary>Rekey after this many messages.</summary>
    public const ulong RekeyAfterMessages = 1UL << 60;

    /// <summary>Never use a keypair for more than this many messages.</summary>
    public const ulong RejectAfterMessages = ulong.MaxValue - (1UL << 13);

    /// <summary>Initiator starts a new handshake when sending on a session this old (ms).</summary>
    public const long RekeyAfterTimeMs = 120_000;

    /// <summary>A session this old is unusable (ms).</summary>
    public const long RejectAfterTimeMs = 180_000;

    /// <summary>Retransmit an unanswered initiation after this long (ms, plus jitter).</summary>
    public const long RekeyTimeoutMs = 5_000;

    /// <summary>Upper bound of the retransmission jitter (ms).</summary>
    public const int RekeyTimeoutJitterMaxMs = 334;

    /// <summary>Give up a handshake after this long (ms).</summary>
    public const long RekeyAttemptTimeMs = 90_000;

    /// <summary>Passive keepalive delay (ms).</summary>
    public const long KeepaliveTimeoutMs = 10_000;

    /// <summary>Cookie secret lifetime (ms).</summary>
    public const long CookieRefreshTimeMs = 120_000;

    /// <summary>Minimum gap between two accepted initiations from one peer (ms).</summary>
    public const long HandshakeInitiationRateMs = 20;

    /// <summary>Packets kept per peer while a handshake is pending.</summary>
    public const int MaxStagedPackets = 128;

    /// <summary>Handshake attempts before giving up (90 s / 5 s).</summary>
    public const int MaxTimerHandshakes = (int)(RekeyAttemptTimeMs / RekeyTimeoutMs);

    internal static ReadOnlySpan<byte> Construction => "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s"u8;

    internal static ReadOnlySpan<byte> Identifier => "WireGuard v1 zx2c4 Jason@zx2c4.com"u8;

    internal static ReadOnlySpan<byte> LabelMac1 => "mac1----"u8;

    internal static ReadOnlySpan<byte> LabelCookie => "cookie--"u8;
}

using System.Security.Cryptography;

namespace WireGuard.Noise;

/// <summary>
/// One session's transport keys. The send counter is taken with Interlocked (several senders);
/// the replay filter is only touched by the sequential receive path.
/// </summary>
internal sealed class Keypair
{
    private long _sendCounter = -1;

    public Keypair(bool isInitiator, long createdMs, uint localIndex, uint remoteIndex)
    {
        IsInitiator = isInitiator;
        CreatedMs = createdMs;
        LocalIndex = localIndex;
        RemoteIndex = remoteIndex;
    }

    public byte[] SendKey { get; } = new byte[32];

    public byte[] ReceiveKey { get; } = new byte[32];

    public ReplayFilter Replay { get; } = new();

    public bool IsInitiator { get; }

    public long CreatedMs { get; }

    public uint LocalIndex { get; }

    public uint RemoteIndex { get; }

    /// <summary>The peer that owns this keypair (a Device.Peer).</summary>
    public object? Owner { get; set; }

    /// <summary>Counters handed out so far.</summary>
    public ulong SendCount => (ulong)(Interlocked.Read(ref _sendCounter) + 1);

    /// <summary>Takes the next send counter; false when the keypair must not send any more.</summary>
    public bool TryNextCounter(out ulong counter)
    {
        counter = (ulong)Interlocked.Increment(ref _sendCounter);
        return counter < Protocol.RejectAfterMessages;
    }

    /// <summary>Makes the keypair unusable for sending (after a key change).</summary>
    public void ExpireForSending() => Interlocked.Exchange(ref _sendCounter, unchecked((long)Protocol.RejectAfterMessages));

    public bool IsExpired(long nowMs) => nowMs - CreatedMs >= Protocol.RejectAfterTimeMs;

    /// <summary>Initiator-side rule: rekey when sending on an old or heavily used session.</summary>
    public bool NeedsRekeyOnSend(long nowMs) =>
        SendCount >= Protocol.RekeyAfterMessages || (IsInitiator && nowMs - CreatedMs >= Protocol.RekeyAfterTimeMs);

    /// <summary>Initiator-side rule: rekey when receiving on a session close to rejection (180 − 10 − 5 s).</summary>
    public bool NeedsRekeyOnReceive(long nowMs) =>
        IsInitiator && nowMs - CreatedMs >= Protocol.RejectAfterTimeMs - Protocol.KeepaliveTimeoutMs - Protocol.RekeyTimeoutMs;

    public void Wipe()
    {
        CryptographicOperations.ZeroMemory(SendKey);
        CryptographicOperations.ZeroMemory(ReceiveKey);
        ExpireForSending();
    }
}

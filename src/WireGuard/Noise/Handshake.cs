using System.Security.Cryptography;

namespace WireGuard.Noise;

/// <summary>Where a peer's handshake stands.</summary>
internal enum HandshakeState
{
    Zeroed,
    InitiationCreated,
    InitiationConsumed,
    ResponseCreated,
    ResponseConsumed,
}

/// <summary>
/// The Noise state of one peer. Lock rule: every field is read and written under <c>lock (handshake)</c>,
/// except <see cref="RemoteStatic"/> which never changes.
/// </summary>
internal sealed class Handshake
{
    public Handshake(Key remoteStatic, object owner)
    {
        RemoteStatic = remoteStatic.Bytes.ToArray();
        Owner = owner;
    }

    /// <summary>The peer that owns this state (a Device.Peer).</summary>
    public object Owner { get; }

    public byte[] RemoteStatic { get; }

    public HandshakeState State { get; set; }

    public byte[] Hash { get; } = new byte[32];

    public byte[] ChainKey { get; } = new byte[32];

    public byte[] LocalEphemeral { get; } = new byte[32];

    public byte[] RemoteEphemeral { get; } = new byte[32];

    public byte[] PrecomputedStaticStatic { get; } = new byte[32];

    public bool StaticStaticValid { get; set; }

    public byte[] PresharedKey { get; } = new byte[32];

    public uint LocalIndex { get; set; }

    public uint RemoteIndex { get; set; }

    public byte[] LastTimestamp { get; } = new byte[Tai64n.Size];

    public long LastInitiationConsumedMs { get; set; } = long.MinValue / 2;

    public long LastSentInitiationMs { get; set; } = long.MinValue / 2;

    /// <summary>Recomputes DH(own static, remote static) after the device key changed.</summary>
    public void Precompute(StaticIdentity? identity)
    {
        StaticStaticValid = identity is not null
            && Crypto.Curve25519.TrySharedSecret(identity.PrivateKey, RemoteStatic, PrecomputedStaticStatic);
        if (!StaticStaticValid)
        {
            CryptographicOperations.ZeroMemory(PrecomputedStaticStatic);
        }
    }

    /// <summary>Forgets the ephemeral state (not the timestamp or the pre-computed keys).</summary>
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(Hash);
        CryptographicOperations.ZeroMemory(ChainKey);
        CryptographicOperations.ZeroMemory(LocalEphemeral);
        CryptographicOperations.ZeroMemory(RemoteEphemeral);
        LocalIndex = 0;
        State = HandshakeState.Zeroed;
    }
}

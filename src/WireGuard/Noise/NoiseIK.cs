using System.Buffers.Binary;
using System.Security.Cryptography;
using WireGuard.Crypto;

namespace WireGuard.Noise;

/// <summary>
/// Noise_IKpsk2 message construction and consumption (whitepaper §5.4.2–§5.4.5). mac1/mac2 are added and
/// checked elsewhere (<see cref="CookieGenerator"/>, <see cref="CookieChecker"/>).
/// Methods that take a <see cref="Handshake"/> expect the caller to hold its lock unless stated otherwise.
/// </summary>
internal static partial class NoiseIK
{
    private static readonly byte[] InitialChainKey = ComputeInitialChainKey();
    private static readonly byte[] InitialHash = ComputeInitialHash();

    /// <summary>Writes an initiation (all but the macs) for <paramref name="hs"/> and moves it to InitiationCreated.</summary>
    public static bool CreateInitiation(StaticIdentity id, Handshake hs, uint localIndex, DateTimeOffset now, Span<byte> msg)
    {
        if (!hs.StaticStaticValid)
        {
            return false;
        }

        Span<byte> ck = stackalloc byte[32];
        Span<byte> h = stackalloc byte[32];
        Span<byte> key = stackalloc byte[32];
        Span<byte> ss = stackalloc byte[32];
        InitialChainKey.CopyTo(ck);
        Blake2s.Hash(InitialHash, hs.RemoteStatic, h);

        msg[..Protocol.InitiationSize].Clear();
        msg[0] = Protocol.TypeInitiation;
        BinaryPrimitives.WriteUInt32LittleEndian(msg[4..], localIndex);

        // e
        Curve25519.GeneratePrivateKey(hs.LocalEphemeral);
        var ephemeral = msg.Slice(8, 32);
        Curve25519.PublicKey(hs.LocalEphemeral, ephemeral);
        Kdf.Kdf1(ck, ephemeral, ck);
        MixHash(h, ephemeral);

        // es
        if (!Curve25519.TrySharedSecret(hs.LocalEphemeral, hs.RemoteStatic, ss))
        {
            return false;
        }

        Kdf.Kdf2(ck, ss, ck, key);
        var aead = ChaChaPoly.ForCurrentThread;
        aead.Seal(key, 0UL, id.PublicKey, h, msg.Slice(40, 48));
        MixHash(h, msg.Slice(40, 48));

        // ss
        Kdf.Kdf2(ck, hs.PrecomputedStaticStatic, ck, key);
        Span<byte> ts = stackalloc byte[Tai64n.Size];
        Tai64n.Write(now, ts);
        aead.Seal(key, 0UL, ts, h, msg.Slice(88, 28));
        MixHash(h, msg.Slice(88, 28));

        ck.CopyTo(hs.ChainKey);
        h.CopyTo(hs.Hash);
        hs.LocalIndex = localIndex;
        hs.State = HandshakeState.InitiationCreated;
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(ss);
        return true;
    }

    /// <summary>
    /// Consumes an initiation (macs already checked). Finds the peer with <paramref name="lookup"/> (called without locks),
    /// then takes the peer's handshake lock itself. Returns null for anything invalid, replayed or too frequent.
    /// </summary>
    public static Handshake? ConsumeInitiation(StaticIdentity id, ReadOnlySpan<byte> msg, Func<byte[], Handshake?> lookup, long nowMs)
    {
        if (msg.Length != Protocol.InitiationSize || msg[0] != Protocol.TypeInitiation)
        {
            return null;
        }

        Span<byte> ck = stackalloc byte[32];
        Span<byte> h = stackalloc byte[32];
        Span<byte> key = stackalloc byte[32];
        Span<byte> ss = stackalloc byte[32];
        InitialChainKey.CopyTo(ck);
        Blake2s.Hash(InitialHash, id.PublicKey, h);
        var ephemeral = msg.Slice(8, 32);
        Kdf.Kdf1(ck, ephemeral, ck);
        MixHash(h, ephemeral);
        if (!Curve25519.TrySharedSecret(id.PrivateKey, ephemeral, ss))
        {
            return null;
        }

        Kdf.Kdf2(ck, ss, ck, key);
        var aead = ChaChaPoly.ForCurrentThread;
        var remoteStatic = new byte[32];
        if (!aead.Open(key, 0UL, msg.Slice(40, 48), h, remoteStatic))
        {
            return null;
        }

        MixHash(h, msg.Slice(40, 48));
        var hs = lookup(remoteStatic);
        if (hs is null)
        {
            return null;
        }

        lock (hs)
        {
            if (!hs.StaticStaticValid)
            {
                return null;
            }

            Kdf.Kdf2(ck, hs.PrecomputedStaticStatic, ck, key);
            Span<byte> ts = stackalloc byte[Tai64n.Size];
            if (!aead.Open(key, 0UL, msg.Slice(88, 28), h, ts))
            {
                return null;
            }

            MixHash(h, msg.Slice(88, 28));
            var replay = !Tai64n.After(ts, hs.LastTimestamp);
            var flood = nowMs - hs.LastInitiationConsumedMs < Protocol.HandshakeInitiationRateMs;
            if (replay || flood)
            {
                return null;
            }

            ts.CopyTo(hs.LastTimestamp);
            hs.LastInitiationConsumedMs = nowMs;
            ck.CopyTo(hs.ChainKey);
            h.CopyTo(hs.Hash);
            ephemeral.CopyTo(hs.RemoteEphemeral);
            hs.RemoteIndex = BinaryPrimitives.ReadUInt32LittleEndian(msg[4..]);
            hs.State = HandshakeState.InitiationConsumed;
        }

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(ss);
        return hs;
    }

    /// <summary>Writes a response (all but the macs) to a consumed initiation and moves to ResponseCreated.</summary>
    public static bool CreateResponse(Handshake hs, uint localIndex, Span<byte> msg)
    {
        if (hs.State != HandshakeState.InitiationConsumed)
        {
            return false;
        }

        Span<byte> ck = stackalloc byte[32];
        Span<byte> h = stackalloc byte[32];
        Span<byte> key = stackalloc byte[32];
        Span<byte> tau = stackalloc byte[32];
        Span<byte> ss = stackalloc byte[32];
        hs.ChainKey.CopyTo(ck);
        hs.Hash.CopyTo(h);

        msg[..Protocol.ResponseSize].Clear();
        msg[0] = Protocol.TypeResponse;
        BinaryPrimitives.WriteUInt32LittleEndian(msg[4..], localIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(msg[8..], hs.RemoteIndex);

        Curve25519.GeneratePrivateKey(hs.LocalEphemeral);
        var ephemeral = msg.Slice(12, 32);
        Curve25519.PublicKey(hs.LocalEphemeral, ephemeral);
        Kdf.Kdf1(ck, ephemeral, ck);
        MixHash(h, ephemeral);

        // ee, se
        if (!Curve25519.TrySharedSecret(hs.LocalEphemeral, hs.RemoteEphemeral, ss))
        {
            return false;
        }

        Kdf.Kdf1(ck, ss, ck);
        if (!Curve25519.TrySharedSecret(hs.LocalEphemeral, hs.RemoteStatic, ss))
        {
            return false;
        }

        Kdf.Kdf1(ck, ss, ck);

        // psk
        Kdf.Kdf3(ck, hs.PresharedKey, ck, tau, key);
        MixHash(h, tau);
        ChaChaPoly.ForCurrentThread.Seal(key, 0UL, default, h, msg.Slice(44, 16));
        MixHash(h, msg.Slice(44, 16));

        ck.CopyTo(hs.ChainKey);
        h.CopyTo(hs.Hash);
        hs.LocalIndex = localIndex;
        hs.State = HandshakeState.ResponseCreated;
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(tau);
        CryptographicOperations.ZeroMemory(ss);
        return true;
    }

    /// <summary>Consumes a response to our initiation <paramref name="hs"/> (found by receiver index; takes its lock).</summary>
    public static bool ConsumeResponse(StaticIdentity id, Handshake hs, ReadOnlySpan<byte> msg)
    {
        if (msg.Length != Protocol.ResponseSize || msg[0] != Protocol.TypeResponse)
        {
            return false;
        }

        Span<byte> ck = stackalloc byte[32];
        Span<byte> h = stackalloc byte[32];
        Span<byte> key = stackalloc byte[32];
        Span<byte> tau = stackalloc byte[32];
        Span<byte> ss = stackalloc byte[32];
        lock (hs)
        {
            if (hs.State != HandshakeState.InitiationCreated
                || BinaryPrimitives.ReadUInt32LittleEndian(msg[8..]) != hs.LocalIndex)
            {
                return false;
            }

            hs.ChainKey.CopyTo(ck);
            hs.Hash.CopyTo(h);
            var ephemeral = msg.Slice(12, 32);
            Kdf.Kdf1(ck, ephemeral, ck);
            MixHash(h, ephemeral);
            if (!Curve25519.TrySharedSecret(hs.LocalEphemeral, ephemeral, ss))
            {
                return false;
            }

            Kdf.Kdf1(ck, ss, ck);
            if (!Curve25519.TrySharedSecret(id.PrivateKey, ephemeral, ss))
            {
                return false;
            }

            Kdf.Kdf1(ck, ss, ck);
            Kdf.Kdf3(ck, hs.PresharedKey, ck, tau, key);
            MixHash(h, tau);
            if (!ChaChaPoly.ForCurrentThread.Open(key, 0UL, msg.Slice(44, 16), h, default))
            {
                return false;
            }

            MixHash(h, msg.Slice(44, 16));
            ck.CopyTo(hs.ChainKey);
            h.CopyTo(hs.Hash);
            hs.RemoteIndex = BinaryPrimitives.ReadUInt32LittleEndian(msg[4..]);
            hs.State = HandshakeState.ResponseConsumed;
        }

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(tau);
        CryptographicOperations.ZeroMemory(ss);
        return true;
    }

    /// <summary>Derives the transport keypair from a finished handshake and clears it (caller holds the lock).</summary>
    public static Keypair? BeginSession(Handshake hs, long nowMs)
    {
        bool initiator;
        if (hs.State == HandshakeState.ResponseConsumed)
        {
            initiator = true;
        }
        else if (hs.State == HandshakeState.ResponseCreated)
        {
            initiator = false;
        }
        else
        {
            return null;
        }

        var kp = new Keypair(initiator, nowMs, hs.LocalIndex, hs.RemoteIndex);
        if (initiator)
        {
            Kdf.Kdf2(hs.ChainKey, default, kp.SendKey, kp.ReceiveKey);
        }
        else
        {
            Kdf.Kdf2(hs.ChainKey, default, kp.ReceiveKey, kp.SendKey);
        }

        hs.Clear();
        return kp;
    }

    private static void MixHash(Span<byte> h, ReadOnlySpan<byte> data) => Blake2s.Hash(h, data, h);

    private static byte[] ComputeInitialChainKey()
    {
        var ck = new byte[32];
        Blake2s.Hash(Protocol.Construction, ck);
        return ck;
    }

    private static byte[] ComputeInitialHash()
    {
        var h = new byte[32];
        Blake2s.Hash(ComputeInitialChainKey(), Protocol.Identifier, h);
        return h;
    }
}

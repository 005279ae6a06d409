using System.Security.Cryptography;
using WireGuard.Crypto;

namespace WireGuard.Noise;

/// <summary>The device's own static key pair and the keys derived from its public key (immutable; replaced on change).</summary>
internal sealed class StaticIdentity
{
    public StaticIdentity(Key privateKey)
    {
        var priv = privateKey.Bytes.ToArray();
        Curve25519.Clamp(priv);
        PrivateKey = priv;
        PublicKey = new byte[32];
        Curve25519.PublicKey(priv, PublicKey);
        Mac1Key = new byte[32];
        CookieKey = new byte[32];
        Blake2s.Hash(Protocol.LabelMac1, PublicKey, Mac1Key);
        Blake2s.Hash(Protocol.LabelCookie, PublicKey, CookieKey);
    }

    public byte[] PrivateKey { get; }

    public byte[] PublicKey { get; }

    /// <summary>HASH(LABEL_MAC1 ‖ own public key): checks mac1 of messages sent to us.</summary>
    public byte[] Mac1Key { get; }

    /// <summary>HASH(LABEL_COOKIE ‖ own public key): encrypts cookie replies we send.</summary>
    public byte[] CookieKey { get; }

    public Key PublicKeyValue => new(PublicKey);

    public void Wipe() => CryptographicOperations.ZeroMemory(PrivateKey);
}

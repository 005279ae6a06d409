using WireGuard.Crypto;

namespace WireGuard.Tests.Crypto;

public sealed class Curve25519Tests
{
    [Fact]
    public void Rfc7748_5_2_first_vector()
    {
        var shared = new byte[32];
        Assert.True(Curve25519.TrySharedSecret(
            Convert.FromHexString("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            Convert.FromHexString("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
            shared));
        Assert.Equal("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", Convert.ToHexStringLower(shared));
    }

    [Fact]
    public void Rfc7748_6_1_alice_and_bob()
    {
        var alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var bob = Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        var alicePub = new byte[32];
        var bobPub = new byte[32];
        Curve25519.PublicKey(alice, alicePub);
        Curve25519.PublicKey(bob, bobPub);
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alicePub));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bobPub));
        var s1 = new byte[32];
        var s2 = new byte[32];
        Assert.True(Curve25519.TrySharedSecret(alice, bobPub, s1));
        Assert.True(Curve25519.TrySharedSecret(bob, alicePub, s2));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(s1));
        Assert.Equal(s1, s2);
    }

    [Fact]
    public void Low_order_point_is_rejected()
    {
        var priv = new byte[32];
        Curve25519.GeneratePrivateKey(priv);
        Assert.False(Curve25519.TrySharedSecret(priv, new byte[32], new byte[32]));
        var one = new byte[32];
        one[0] = 1;
        Assert.False(Curve25519.TrySharedSecret(priv, one, new byte[32]));
    }

    [Fact]
    public void Generated_keys_are_clamped()
    {
        var priv = new byte[32];
        Curve25519.GeneratePrivateKey(priv);
        Assert.Equal(0, priv[0] & 7);
        Assert.Equal(64, priv[31] & 0xC0);
    }
}

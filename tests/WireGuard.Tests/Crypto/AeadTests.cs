using System.Text;
using WireGuard.Crypto;

namespace WireGuard.Tests.Crypto;

public sealed class AeadTests
{
    private static readonly byte[] Key = Enumerable.Range(0x80, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Ad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
    private static readonly byte[] Sunscreen = Encoding.ASCII.GetBytes(
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");

    [Fact]
    public void ChaChaPoly_matches_rfc8439_2_8_2()
    {
        using var aead = new ChaChaPoly();
        var nonce = Convert.FromHexString("070000004041424344454647");
        var ct = new byte[Sunscreen.Length + 16];
        aead.Seal(Key, nonce, Sunscreen, Ad, ct);
        Assert.StartsWith("d31a8d34648e60db7b86afbc53ef7ec2", Convert.ToHexStringLower(ct), StringComparison.Ordinal);
        Assert.EndsWith("1ae10b594f09e26a7e902ecbd0600691", Convert.ToHexStringLower(ct), StringComparison.Ordinal);
        var pt = new byte[Sunscreen.Length];
        Assert.True(aead.Open(Key, nonce, ct, Ad, pt));
        Assert.Equal(Sunscreen, pt);
    }

    [Fact]
    public void ChaChaPoly_agrees_with_the_bcl_and_works_in_place()
    {
        using var aead = new ChaChaPoly();
        var buf = new byte[1420 + 16];
        Random.Shared.NextBytes(buf.AsSpan(0, 1420));
        var plain = buf[..1420];
        aead.Seal(Key, 42UL, buf.AsSpan(0, 1420), default, buf);
        var nonce = new byte[12];
        ChaChaPoly.CounterNonce(42, nonce);
        using var bcl = new System.Security.Cryptography.ChaCha20Poly1305(Key);
        var check = new byte[1420];
        bcl.Decrypt(nonce, buf.AsSpan(0, 1420), buf.AsSpan(1420), check);
        Assert.Equal(plain, check);
        Assert.True(aead.Open(Key, 42UL, buf, default, buf));
        Assert.Equal(plain, buf[..1420]);
    }

    [Fact]
    public void ChaChaPoly_forged_tag_or_wrong_counter_returns_false()
    {
        using var aead = new ChaChaPoly();
        var ct = new byte[16 + 16];
        aead.Seal(Key, 7UL, new byte[16], default, ct);
        var copy = (byte[])ct.Clone();
        Assert.False(aead.Open(Key, 8UL, copy, default, new byte[16]));
        ct[^1] ^= 1;
        Assert.False(aead.Open(Key, 7UL, ct, default, new byte[16]));
        Assert.False(aead.Open(Key, 7UL, new byte[3], default, new byte[16]));
    }

    [Fact]
    public void ChaChaPoly_empty_plaintext_is_a_bare_tag()
    {
        using var aead = new ChaChaPoly();
        var tag = new byte[16];
        aead.Seal(Key, 0UL, default, Ad, tag);
        Assert.True(aead.Open(Key, 0UL, tag, Ad, default));
        Assert.False(aead.Open(Key, 0UL, tag, default, default));
    }

    [Fact]
    public void XChaChaPoly_matches_the_draft_appendix_a_3_1()
    {
        var nonce = Convert.FromHexString("404142434445464748494a4b4c4d4e4f5051525354555657");
        var ct = new byte[Sunscreen.Length + 16];
        XChaChaPoly.Seal(Key, nonce, Sunscreen, Ad, ct);
        Assert.StartsWith("bd6d179d3e83d43b9576579493c0e939", Convert.ToHexStringLower(ct), StringComparison.Ordinal);
        Assert.EndsWith("c0875924c1c7987947deafd8780acf49", Convert.ToHexStringLower(ct), StringComparison.Ordinal);
        var pt = new byte[Sunscreen.Length];
        Assert.True(XChaChaPoly.Open(Key, nonce, ct, Ad, pt));
        Assert.Equal(Sunscreen, pt);
        ct[0] ^= 1;
        Assert.False(XChaChaPoly.Open(Key, nonce, ct, Ad, pt));
    }
}

using WireGuard.Crypto;

namespace WireGuard.Tests.Crypto;

public sealed class KdfTests
{
    // wireguard-go device/kdf_test.go
    [Theory]
    [InlineData("746573742d6b6579", "746573742d696e707574", "6f0e5ad38daba1bea8a0d213688736f19763239305e0f58aba697f9ffc41c633", "df1194df20802a4fe594cde27e92991c8cae66c366e8106aaa937a55fa371e8a", "fac6e2745a325f5dc5d11a5b165aad08b0ada28e7b4e666b7c077934a4d76c24")]
    [InlineData("776972656775617264", "776972656775617264", "491d43bbfdaa8750aaf535e334ecbfe5129967cd64635101c566d4caefda96e8", "1e71a379baefd8a79aa4662212fcafe19a23e2b609a3db7d6bcba8f560e3d25f", "31e1ae48bddfbe5de38f295e5452b1909a1b4e38e183926af3780b0c1e1f0160")]
    [InlineData("", "", "8387b46bf43eccfcf349552a095d8315c4055beb90208fb1be23b894bc2ed5d0", "58a0e5f6faefccf4807bff1f05fa8a9217945762040bcec2f4b4a62bdfe0e86e", "0ce6ea98ec548f8e281e93e32db65621c45eb18dc6f0a7ad94178610a2f7338e")]
    public void Kdf_matches_wireguard_go_vectors(string key, string input, string t0, string t1, string t2)
    {
        var k = Convert.FromHexString(key);
        var i = Convert.FromHexString(input);
        var a = new byte[32];
        var b = new byte[32];
        var c = new byte[32];
        Kdf.Kdf3(k, i, a, b, c);
        Assert.Equal([t0, t1, t2], [Convert.ToHexStringLower(a), Convert.ToHexStringLower(b), Convert.ToHexStringLower(c)]);
        Array.Clear(b);
        Kdf.Kdf2(k, i, a, b);
        Assert.Equal(t1, Convert.ToHexStringLower(b));
        Kdf.Kdf1(k, i, a);
        Assert.Equal(t0, Convert.ToHexStringLower(a));
    }

    [Fact]
    public void Kdf_output_may_alias_the_key()
    {
        var ck = Convert.FromHexString("746573742d6b6579746573742d6b6579746573742d6b6579746573742d6b6579");
        var expected = new byte[32];
        Kdf.Kdf1(ck, "in"u8, expected);
        Kdf.Kdf1(ck, "in"u8, ck);
        Assert.Equal(expected, ck);
    }

    [Fact]
    public void Hmac_with_long_key_matches_python()
    {
        var key = Enumerable.Repeat((byte)'x', 70).ToArray();
        var msg = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var mac = new byte[32];
        Kdf.Hmac(key, msg, mac);
        Assert.Equal("90b5a957e6d5c1519c6abe7b727468c5d246615ea0d6876de7ceb2fdde54c939", Convert.ToHexStringLower(mac));
    }
}

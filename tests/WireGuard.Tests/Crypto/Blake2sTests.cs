using System.Text;
using WireGuard.Crypto;

namespace WireGuard.Tests.Crypto;

public sealed class Blake2sTests
{
    [Fact]
    public void Hash_abc_matches_rfc7693_appendix_b()
    {
        var h = new byte[32];
        Blake2s.Hash("abc"u8, h);
        Assert.Equal("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982", Convert.ToHexStringLower(h));
    }

    [Fact]
    public void Rfc7693_appendix_e_selftest_grand_hash()
    {
        int[] mdLen = [16, 20, 28, 32];
        int[] inLen = [0, 3, 64, 65, 255, 1024];
        var grand = new Blake2s(32);
        var input = new byte[1024];
        var key = new byte[32];
        var md = new byte[32];
        foreach (var outLen in mdLen)
        {
            foreach (var n in inLen)
            {
                Seq(input.AsSpan(0, n), (uint)n);
                var s = new Blake2s(outLen);
                s.Update(input.AsSpan(0, n));
                s.Final(md);
                grand.Update(md.AsSpan(0, outLen));
                Seq(key.AsSpan(0, outLen), (uint)outLen);
                s = new Blake2s(outLen, key.AsSpan(0, outLen));
                s.Update(input.AsSpan(0, n));
                s.Final(md);
                grand.Update(md.AsSpan(0, outLen));
            }
        }

        grand.Final(md);
        Assert.Equal("6a411f08ce25adcdfb02aba641451cec53c598b24f4fc787fbdc88797f4c1dfe", Convert.ToHexStringLower(md));
    }

    [Fact]
    public void Keyed_mac_matches_python_hashlib()
    {
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var msg = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var mac = new byte[16];
        Blake2s.Mac(key, msg, mac);
        Assert.Equal("b8d300fa7937e4d1e67c8468df4c9a43", Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Incremental_updates_in_odd_pieces_equal_one_shot()
    {
        var msg = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var one = new byte[32];
        Blake2s.Hash(msg, one);
        var s = new Blake2s(32);
        for (var i = 0; i < msg.Length; i += 13)
        {
            s.Update(msg.AsSpan(i, Math.Min(13, msg.Length - i)));
        }

        var inc = new byte[32];
        s.Final(inc);
        Assert.Equal(one, inc);
    }

    [Fact]
    public void Construction_and_identifier_hashes_match_the_protocol()
    {
        var ck = new byte[32];
        Blake2s.Hash(Encoding.ASCII.GetBytes("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s"), ck);
        Assert.Equal("60e26daef327efc02ec335e2a025d2d016eb4206f87277f52d38d1988b78cd36", Convert.ToHexStringLower(ck));
        var h = new byte[32];
        Blake2s.Hash(ck, Encoding.ASCII.GetBytes("WireGuard v1 zx2c4 Jason@zx2c4.com"), h);
        Assert.Equal("2211b361081ac566691243db458ad5322d9c6c662293e8b70ee19c65ba079ef3", Convert.ToHexStringLower(h));
    }

    private static void Seq(Span<byte> output, uint seed)
    {
        var a = 0xDEAD4BADu * seed;
        var b = 1u;
        for (var i = 0; i < output.Length; i++)
        {
            var t = a + b;
            a = b;
            b = t;
            output[i] = (byte)(t >> 24);
        }
    }
}

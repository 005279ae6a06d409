using System.Buffers.Binary;
using WireGuard.Tun;

namespace WireGuard.Tests.Linux;

public sealed class GsoSplitterTests
{
    private static byte[] TcpV4(int payload, byte flags)
    {
        var p = new byte[20 + 20 + payload];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), 1000);
        p[8] = 64;
        p[9] = 6;
        new byte[] { 10, 0, 0, 1, 10, 0, 0, 2 }.CopyTo(p, 12);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), 5201);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(24), 0xfffffff0);
        p[32] = 5 << 4;
        p[33] = flags;
        for (var i = 0; i < payload; i++)
        {
            p[40 + i] = (byte)(i * 7);
        }

        return p;
    }

    private static byte[] UdpV6(int payload)
    {
        var p = new byte[40 + 8 + payload];
        p[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)(8 + payload));
        p[6] = 17;
        p[7] = 64;
        p[8] = 0x20;
        p[9] = 0x01;
        p[23] = 1;
        p[24] = 0x20;
        p[25] = 0x01;
        p[39] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(40), 1234);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(42), 5678);
        for (var i = 0; i < payload; i++)
        {
            p[48 + i] = (byte)i;
        }

        return p;
    }

    private static bool L4ChecksumOk(ReadOnlySpan<byte> seg, bool v4, int l4, byte proto)
    {
        var len = seg.Length - l4;
        var pseudo = v4
            ? Checksum.PseudoHeader(seg.Slice(12, 4), seg.Slice(16, 4), proto, len)
            : Checksum.PseudoHeader(seg.Slice(8, 16), seg.Slice(24, 16), proto, len);
        return Checksum.Compute(seg[l4..], pseudo) == 0;
    }

    [Fact]
    public void Ipv4_header_checksum_matches_a_known_header()
    {
        // RFC 1071-style example header (from Wikipedia's IPv4 checksum article): checksum 0xb861
        byte[] h = [0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0, 0, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7];
        Assert.Equal(0xb861, Checksum.Compute(h));
    }

    [Fact]
    public void Tcp_super_packet_is_cut_into_mss_segments_with_valid_headers()
    {
        var pkt = TcpV4(2500, 0x18 | 0x01 | 0x80); // ACK|PSH|FIN|CWR
        var hdr = new VirtioNetHdr(VirtioNetHdr.NeedsCsum, VirtioNetHdr.GsoTcpV4, 40, 1000, 20, 16);
        var outs = Enumerable.Range(0, 8).Select(_ => new byte[2000]).ToArray();
        var sizes = new int[8];

        var n = GsoSplitter.Split(pkt, hdr, 0, outs, sizes, 16, out var done);

        Assert.Equal(3, n);
        Assert.True(done);
        Assert.Equal([1040, 1040, 540], sizes[..3]);
        for (var i = 0; i < 3; i++)
        {
            var s = outs[i].AsSpan(16, sizes[i]);
            Assert.Equal(sizes[i], BinaryPrimitives.ReadUInt16BigEndian(s[2..]));
            Assert.Equal(1000 + i, BinaryPrimitives.ReadUInt16BigEndian(s[4..]));
            Assert.Equal(0, Checksum.Compute(s[..20]));
            Assert.Equal(unchecked(0xfffffff0u + (uint)(i * 1000)), BinaryPrimitives.ReadUInt32BigEndian(s[24..]));
            Assert.True(L4ChecksumOk(s, true, 20, 6));
            Assert.Equal(pkt.AsSpan(40 + (i * 1000), sizes[i] - 40).ToArray(), s[40..].ToArray());
        }

        Assert.Equal(0x10 | 0x80, outs[0][16 + 33]);
        Assert.Equal(0x10, outs[1][16 + 33]);
        Assert.Equal(0x18 | 0x01, outs[2][16 + 33]);
    }

    [Fact]
    public void A_split_that_does_not_fit_continues_on_the_next_call()
    {
        var pkt = TcpV4(2500, 0x10);
        var hdr = new VirtioNetHdr(VirtioNetHdr.NeedsCsum, VirtioNetHdr.GsoTcpV4, 40, 1000, 20, 16);
        var outs = new[] { new byte[2000], new byte[2000] };
        var sizes = new int[2];
        Assert.Equal(2, GsoSplitter.Split(pkt, hdr, 0, outs, sizes, 0, out var done));
        Assert.False(done);
        Assert.Equal(1, GsoSplitter.Split(pkt, hdr, 2, outs, sizes, 0, out done));
        Assert.True(done);
        Assert.Equal(540, sizes[0]);
        Assert.Equal(unchecked(0xfffffff0u + 2000u), BinaryPrimitives.ReadUInt32BigEndian(outs[0].AsSpan(24)));
    }

    [Fact]
    public void Udp_v6_super_packet_gets_per_segment_length_and_checksum()
    {
        var pkt = UdpV6(3000);
        var hdr = new VirtioNetHdr(VirtioNetHdr.NeedsCsum, VirtioNetHdr.GsoUdpL4, 48, 1200, 40, 6);
        var outs = Enumerable.Range(0, 4).Select(_ => new byte[2000]).ToArray();
        var sizes = new int[4];
        Assert.Equal(3, GsoSplitter.Split(pkt, hdr, 0, outs, sizes, 0, out _));
        Assert.Equal([1248, 1248, 648], sizes[..3]);
        for (var i = 0; i < 3; i++)
        {
            var s = outs[i].AsSpan(0, sizes[i]);
            Assert.Equal(sizes[i] - 40, BinaryPrimitives.ReadUInt16BigEndian(s[4..]));
            Assert.Equal(sizes[i] - 40, BinaryPrimitives.ReadUInt16BigEndian(s[44..]));
            Assert.True(L4ChecksumOk(s, false, 40, 17));
        }
    }

    [Fact]
    public void Partial_checksum_of_a_plain_packet_is_completed()
    {
        var pkt = TcpV4(333, 0x10);
        var pseudo = Checksum.PseudoHeader(pkt.AsSpan(12, 4), pkt.AsSpan(16, 4), 6, 20 + 333);
        BinaryPrimitives.WriteUInt16BigEndian(pkt.AsSpan(36), Checksum.Fold(pseudo));
        var outs = new[] { new byte[2000] };
        var sizes = new int[1];
        Assert.Equal(1, GsoSplitter.Split(pkt, new VirtioNetHdr(VirtioNetHdr.NeedsCsum, 0, 0, 0, 20, 16), 0, outs, sizes, 0, out _));
        Assert.True(L4ChecksumOk(outs[0].AsSpan(0, sizes[0]), true, 20, 6));
    }

    [Theory]
    [InlineData(0, 0, 200)]
    [InlineData(VirtioNetHdr.GsoTcpV4, 0, 20)]
    [InlineData(VirtioNetHdr.GsoTcpV4, 1000, 2000)]
    [InlineData(9, 1000, 20)]
    public void Inconsistent_headers_drop_the_packet(byte gso, ushort gsoSize, ushort csumStart)
    {
        var pkt = TcpV4(100, 0x10);
        var outs = new[] { new byte[2000] };
        var sizes = new int[1];
        var hdr = new VirtioNetHdr(VirtioNetHdr.NeedsCsum, gso, 40, gsoSize, csumStart, 16);
        Assert.Equal(-1, GsoSplitter.Split(pkt, hdr, 0, outs, sizes, 0, out _));
    }
}

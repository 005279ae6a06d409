using System.Buffers.Binary;
using WireGuard.Tun;

namespace WireGuard.Tests.Linux;

public sealed class TcpCoalescerTests
{
    private static byte[] Segment(uint seq, int payload, byte flags = 0x10, byte lastAddr = 2, bool v6 = false)
    {
        var ip = v6 ? 40 : 20;
        var p = new byte[ip + 20 + payload];
        if (v6)
        {
            p[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)(20 + payload));
            p[6] = 6;
            p[7] = 64;
            p[8] = 0xfd;
            p[23] = 1;
            p[24] = 0xfd;
            p[39] = lastAddr;
        }
        else
        {
            p[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
            p[6] = 0x40;
            p[8] = 64;
            p[9] = 6;
            new byte[] { 10, 0, 0, 1, 10, 0, 0, lastAddr }.CopyTo(p, 12);
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), Checksum.Compute(p.AsSpan(0, 20)));
        }

        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(ip), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(ip + 2), 5201);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(ip + 4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(ip + 8), 777);
        p[ip + 12] = 5 << 4;
        p[ip + 13] = flags;
        for (var i = 0; i < payload; i++)
        {
            p[ip + 20 + i] = (byte)(seq + (uint)i);
        }

        var pseudo = v6
            ? Checksum.PseudoHeader(p.AsSpan(8, 16), p.AsSpan(24, 16), 6, 20 + payload)
            : Checksum.PseudoHeader(p.AsSpan(12, 4), p.AsSpan(16, 4), 6, 20 + payload);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(ip + 16), Checksum.Compute(p.AsSpan(ip), pseudo));
        return p;
    }

    private static List<byte[]> Run(IEnumerable<byte[]> packets)
    {
        var frames = new List<byte[]>();
        var c = new TcpCoalescer(f => frames.Add(f.ToArray()));
        foreach (var p in packets)
        {
            if (!c.Add(p))
            {
                frames.Add([.. new byte[VirtioNetHdr.Size], .. p]);
            }
        }

        c.Flush();
        return frames;
    }

    private static List<byte[]> Resegment(byte[] frame)
    {
        var hdr = VirtioNetHdr.Read(frame);
        var outs = Enumerable.Range(0, 64).Select(_ => new byte[70000]).ToArray();
        var sizes = new int[64];
        var n = GsoSplitter.Split(frame.AsSpan(VirtioNetHdr.Size), hdr, 0, outs, sizes, 0, out var done);
        Assert.True(done);
        return Enumerable.Range(0, n).Select(i => outs[i].AsSpan(0, sizes[i]).ToArray()).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void In_order_segments_become_one_tso_frame_that_splits_back_into_the_originals(bool v6)
    {
        var segs = new[] { Segment(1000, 1380, v6: v6), Segment(2380, 1380, v6: v6), Segment(3760, 500, 0x18, v6: v6) };

        var frames = Run(segs);

        var f = Assert.Single(frames);
        var hdr = VirtioNetHdr.Read(f);
        Assert.Equal(v6 ? VirtioNetHdr.GsoTcpV6 : VirtioNetHdr.GsoTcpV4, hdr.GsoType);
        Assert.Equal(1380, hdr.GsoSize);
        Assert.Equal(v6 ? 40 : 20, hdr.CsumStart);
        var back = Resegment(f);
        Assert.Equal(3, back.Count);
        for (var i = 0; i < 3; i++)
        {
            if (!v6)
            {
                BinaryPrimitives.WriteUInt16BigEndian(back[i].AsSpan(4), 0); // IP ID is renumbered by segmentation
                BinaryPrimitives.WriteUInt16BigEndian(back[i].AsSpan(10), Checksum.Compute(back[i].AsSpan(0, 10).ToArray().Concat(new byte[2]).Concat(back[i].AsSpan(12, 8).ToArray()).ToArray()));
            }

            Assert.Equal(segs[i], back[i]);
        }
    }

    [Fact]
    public void Gaps_other_flows_and_control_segments_keep_per_flow_order()
    {
        var frames = Run([
            Segment(1000, 100), Segment(1100, 100, lastAddr: 3), Segment(1100, 100), Segment(5000, 100),
            Segment(5100, 100, flags: 0x11), Segment(1200, 100, lastAddr: 3),
        ]);

        // flow .2: [1000+1100] merged, 5000 alone (gap), FIN segment passes through after flushing
        // flow .3: 1100 is flushed before the FIN (everything held is), so 1200 starts a new frame
        Assert.Equal(5, frames.Count);
        Assert.Equal(VirtioNetHdr.GsoTcpV4, VirtioNetHdr.Read(frames[0]).GsoType);
        Assert.Equal(240, frames[0].Length - VirtioNetHdr.Size);
        Assert.Equal(VirtioNetHdr.GsoNone, VirtioNetHdr.Read(frames[1]).GsoType);
        Assert.Equal(1100u, BinaryPrimitives.ReadUInt32BigEndian(frames[1].AsSpan(VirtioNetHdr.Size + 24)));
        Assert.Equal(5000u, BinaryPrimitives.ReadUInt32BigEndian(frames[2].AsSpan(VirtioNetHdr.Size + 24)));
        Assert.Equal(0x11, frames[3][VirtioNetHdr.Size + 33]);
        Assert.Equal(1200u, BinaryPrimitives.ReadUInt32BigEndian(frames[4].AsSpan(VirtioNetHdr.Size + 24)));
    }

    [Fact]
    public void A_larger_segment_after_a_smaller_one_starts_a_new_frame()
    {
        var frames = Run([Segment(0, 1000), Segment(1000, 500), Segment(1500, 1000)]);
        Assert.Equal(2, frames.Count);
        Assert.Equal(1540, frames[0].Length - VirtioNetHdr.Size);
    }
}

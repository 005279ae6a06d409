using System.Buffers.Binary;

namespace WireGuard.Tun;

/// <summary>
/// Turns what an offloading TUN hands over into plain IP packets: completes a partial checksum, and cuts a
/// TSO/USO super-packet into MSS-sized segments with their own IP length/ID, TCP sequence/flags and full checksums.
/// </summary>
public static class GsoSplitter
{
    /// <summary>
    /// Writes segments of <paramref name="packet"/> (described by <paramref name="hdr"/>) starting with segment
    /// <paramref name="first"/>, each to outs[i][offset..], sizes in sizes[i], for at most outs.Length segments.
    /// Returns how many were written; <paramref name="done"/> is true when the last segment was written.
    /// Returns -1 for a packet whose headers do not match what the header claims (the packet is dropped).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> packet, VirtioNetHdr hdr, int first, Span<byte[]> outs, Span<int> sizes, int offset, out bool done)
    {
        done = true;
        if (packet.Length < 20 || outs.Length == 0)
        {
            return -1;
        }

        var v4 = packet[0] >> 4 == 4;
        if (hdr.GsoType == VirtioNetHdr.GsoNone)
        {
            var dst = outs[0].AsSpan(offset);
            if (packet.Length > dst.Length)
            {
                return -1;
            }

            packet.CopyTo(dst);
            if ((hdr.Flags & VirtioNetHdr.NeedsCsum) != 0 && !CompletePartial(dst[..packet.Length], hdr))
            {
                return -1;
            }

            sizes[0] = packet.Length;
            return 1;
        }

        var tcp = hdr.GsoType is VirtioNetHdr.GsoTcpV4 or VirtioNetHdr.GsoTcpV6;
        int l4 = hdr.CsumStart;
        if (hdr.GsoType != VirtioNetHdr.GsoUdpL4 && !tcp || hdr.GsoSize == 0 || l4 < (v4 ? 20 : 40) || l4 + 8 > packet.Length)
        {
            return -1;
        }

        var l4Hdr = tcp ? (packet[l4 + 12] >> 4) * 4 : 8;
        var hdrLen = l4 + l4Hdr;
        if (l4Hdr < 8 || hdrLen > packet.Length)
        {
            return -1;
        }

        var payload = packet.Length - hdrLen;
        var segs = Math.Max(1, (payload + hdr.GsoSize - 1) / hdr.GsoSize);
        var n = 0;
        for (var i = first; i < segs && n < outs.Length; i++, n++)
        {
            var start = i * hdr.GsoSize;
            var len = Math.Min(hdr.GsoSize, payload - start);
            var o = outs[n].AsSpan(offset);
            if (hdrLen + len > o.Length)
            {
                return -1;
            }

            packet[..hdrLen].CopyTo(o);
            packet.Slice(hdrLen + start, len).CopyTo(o[hdrLen..]);
            var seg = o[..(hdrLen + len)];
            FixIp(seg, v4, l4, i);
            var l4Len = l4Hdr + len;
            if (tcp)
            {
                var seq = BinaryPrimitives.ReadUInt32BigEndian(packet[(l4 + 4)..]);
                BinaryPrimitives.WriteUInt32BigEndian(seg[(l4 + 4)..], seq + (uint)start);
                if (i != segs - 1)
                {
                    seg[l4 + 13] &= 0xf6; // FIN and PSH only on the last segment
                }

                if (i != 0)
                {
                    seg[l4 + 13] &= 0x7f; // CWR only on the first
                }

                WriteL4Checksum(seg, v4, l4, 6, l4Len, 16);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(seg[(l4 + 4)..], (ushort)l4Len);
                WriteL4Checksum(seg, v4, l4, 17, l4Len, 6);
            }

            sizes[n] = seg.Length;
            done = i == segs - 1;
        }

        return n;
    }

    /// <summary>Completes a CHECKSUM_PARTIAL packet: the field at CsumStart+CsumOffset holds the pseudo-header sum.</summary>
    public static bool CompletePartial(Span<byte> packet, VirtioNetHdr hdr)
    {
        int start = hdr.CsumStart, at = hdr.CsumStart + hdr.CsumOffset;
        if (start >= packet.Length || at + 2 > packet.Length)
        {
            return false;
        }

        var c = Checksum.Compute(packet[start..]);
        BinaryPrimitives.WriteUInt16BigEndian(packet[at..], c);
        return true;
    }

    private static void FixIp(Span<byte> seg, bool v4, int l4, int index)
    {
        if (v4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(seg[2..], (ushort)seg.Length);
            var id = BinaryPrimitives.ReadUInt16BigEndian(seg[4..]);
            BinaryPrimitives.WriteUInt16BigEndian(seg[4..], (ushort)(id + index));
            seg[10] = 0;
            seg[11] = 0;
            var ihl = (seg[0] & 0xf) * 4;
            BinaryPrimitives.WriteUInt16BigEndian(seg[10..], Checksum.Compute(seg[..ihl]));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(seg[4..], (ushort)(seg.Length - 40));
        }
    }

    private static void WriteL4Checksum(Span<byte> seg, bool v4, int l4, byte proto, int l4Len, int csumField)
    {
        seg[l4 + csumField] = 0;
        seg[l4 + csumField + 1] = 0;
        var pseudo = v4
            ? Checksum.PseudoHeader(seg.Slice(12, 4), seg.Slice(16, 4), proto, l4Len)
            : Checksum.PseudoHeader(seg.Slice(8, 16), seg.Slice(24, 16), proto, l4Len);
        var c = Checksum.Compute(seg.Slice(l4, l4Len), pseudo);
        if (proto == 17 && c == 0)
        {
            c = 0xffff;
        }

        BinaryPrimitives.WriteUInt16BigEndian(seg[(l4 + csumField)..], c);
    }
}

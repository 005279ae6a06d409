using Netlink.Wire;

namespace Netlink.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void Writer_pads_attributes_and_back_patches_nested_and_message_lengths()
    {
        using var w = new NetlinkWriter(type: 0x1234, flags: Nl.FAck);
        w.SetSequence(7, 9);
        var outer = w.BeginNested(1);
        w.PutU8(2, 0xAB);
        w.PutString(3, "ab");
        w.EndNested(outer);
        w.PutU32(4, 0x01020304);

        var expected = Hex.Bytes(
            "2c 00 00 00", // nlmsg_len 44 = 16 header + 20 nested + 8 u32, patched at the end
            "34 12 05 00", // type 0x1234, flags NLM_F_REQUEST|NLM_F_ACK
            "07 00 00 00 09 00 00 00", // seq 7, pid 9
            "14 00 01 80", // nested attr: len 20 (4 + 8 + 8) back-patched, type 1 | NLA_F_NESTED
            "05 00 02 00 ab 00 00 00", // u8: len 5, padded to 8
            "07 00 03 00 61 62 00 00", // "ab\0": len 7, padded to 8
            "08 00 04 00 04 03 02 01"); // u32 host order (little endian)
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
    }

    [Fact]
    public void Reader_walks_the_same_bytes_back()
    {
        using var w = new NetlinkWriter(0x1234, 0);
        var n = w.BeginNested(1);
        w.PutU8(2, 0xAB);
        w.PutString(3, "ab");
        w.EndNested(n);
        w.PutBe16(5, 4789);
        var m = Hex.Message(w.Message.ToArray());

        var seen = new List<string>();
        foreach (var a in new AttributeReader(m.Payload))
        {
            if (a.IsNested)
            {
                foreach (var inner in a.Nested())
                {
                    seen.Add(inner.Type == 2 ? $"u8:{inner.U8()}" : $"s:{inner.String()}");
                }
            }
            else
            {
                seen.Add($"be16:{a.Be16()}");
            }
        }

        Assert.Equal(["u8:171", "s:ab", "be16:4789"], seen);
    }

    [Fact]
    public void A_truncated_attribute_is_reported_not_read_past()
    {
        var bytes = Hex.Bytes("08 00 01 00 01 00 00 00", "20 00 02 00 ff ff"); // second claims 32 bytes, has 6
        var ex = Assert.Throws<NetlinkException>(() =>
        {
            foreach (var a in new AttributeReader(bytes))
            {
                _ = a.Type;
            }
        });
        Assert.Equal(Errno.EBADMSG, ex.Errno);
    }

    [Fact]
    public void Error_message_with_extended_ack_maps_to_a_typed_exception_with_the_kernel_text()
    {
        var datagram = Hex.Bytes(
            "3c 00 00 00 02 00 00 03", // len 60, NLMSG_ERROR, flags NLM_F_CAPPED|NLM_F_ACK_TLVS
            "01 00 00 00 00 00 00 00", // seq 1, pid 0
            "a1 ff ff ff", // error = -95 (EOPNOTSUPP)
            "20 00 00 00 10 00 05 06 01 00 00 00 00 00 00 00", // the request's header only (capped)
            "18 00 01 00", // NLMSGERR_ATTR_MSG, len 24
            "55 6e 6b 6e 6f 77 6e 20 64 65 76 69 63 65 20 74 79 70 65 00"); // "Unknown device type\0"
        var ex = NetlinkSocket.ErrorFrom(Hex.Message(datagram), "creating link x");

        var typed = Assert.IsType<NotSupportedByKernelException>(ex);
        Assert.Equal(Errno.EOPNOTSUPP, typed.Errno);
        Assert.Equal("Unknown device type", typed.KernelMessage);
        Assert.Contains("creating link x", typed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extended_ack_text_is_found_after_a_fully_echoed_request()
    {
        var datagram = Hex.Bytes(
            "34 00 00 00 02 00 00 02 01 00 00 00 00 00 00 00", // len 52, NLMSG_ERROR, NLM_F_ACK_TLVS only (not capped)
            "ea ff ff ff", // error = -22 (EINVAL)
            "14 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00 aa bb cc dd", // the whole 20-byte request echoed
            "0c 00 01 00 62 61 64 20 6d 74 75 00"); // NLMSGERR_ATTR_MSG "bad mtu\0"
        var ex = NetlinkSocket.ErrorFrom(Hex.Message(datagram), "x");
        Assert.Equal(Errno.EINVAL, ex!.Errno);
        Assert.Equal("bad mtu", ex.KernelMessage);
    }

    [Theory]
    [InlineData(-19, typeof(NoSuchDeviceException))]
    [InlineData(-17, typeof(AlreadyExistsException))]
    [InlineData(-1, typeof(PermissionDeniedException))]
    [InlineData(-22, typeof(NetlinkException))]
    public void Errno_values_map_to_the_small_exception_hierarchy(int error, Type expected)
    {
        var datagram = Hex.Bytes(
            "24 00 00 00 02 00 00 01 01 00 00 00 00 00 00 00", // len 36, NLMSG_ERROR, NLM_F_CAPPED
            Hex.Of(BitConverter.GetBytes(error)),
            "10 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00");
        Assert.IsType(expected, NetlinkSocket.ErrorFrom(Hex.Message(datagram), "x"));
    }

    [Fact]
    public void An_ack_is_not_an_error()
    {
        var ack = Hex.Bytes("24 00 00 00 02 00 00 01 01 00 00 00 00 00 00 00", "00 00 00 00", "10 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00");
        Assert.Null(NetlinkSocket.ErrorFrom(Hex.Message(ack), "x"));
    }
}

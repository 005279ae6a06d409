using Netlink.Wire;

namespace Netlink.Tests;

/// <summary>The reply loop's decisions on crafted datagrams: sequence/port checks, multipart, DONE, DUMP_INTR.</summary>
public sealed class ReplyEngineTests
{
    private const uint Port = 4242;

    private static byte[] Msg(ushort type, ushort flags, uint seq, uint pid, params byte[] payload)
    {
        using var w = new NetlinkWriter(type, 0);
        w.AppendRaw(payload);
        w.SetSequence(seq, pid);
        var bytes = w.Message.ToArray();
        BitConverter.GetBytes(flags).CopyTo(bytes, 6);
        return bytes;
    }

    private static readonly byte[] Done = [0, 0, 0, 0];

    [Fact]
    public void Multipart_dump_is_collected_until_done_and_foreign_messages_are_skipped()
    {
        var datagram = Msg(100, Nl.FMulti, 5, Port, 1, 0, 0, 0)
            .Concat(Msg(100, Nl.FMulti, 4, Port, 9, 0, 0, 0)) // stale sequence
            .Concat(Msg(100, Nl.FMulti, 5, Port + 1, 9, 0, 0, 0)) // other port
            .Concat(Msg(100, Nl.FMulti, 5, Port, 2, 0, 0, 0)).ToArray();
        var seen = new List<byte>();
        var interrupted = false;

        var done = NetlinkSocket.ProcessReply(datagram, 5, Port, "dump", (in NetlinkMessage m) => seen.Add(m.Payload[0]), false, ref interrupted);
        Assert.False(done);
        Assert.Equal([1, 2], seen);

        done = NetlinkSocket.ProcessReply(Msg(Nl.MsgDone, Nl.FMulti, 5, Port, Done), 5, Port, "dump", null, false, ref interrupted);
        Assert.True(done);
        Assert.False(interrupted);
    }

    [Fact]
    public void An_interrupted_dump_is_flagged_for_a_retry()
    {
        var interrupted = false;
        var datagram = Msg(100, Nl.FMulti | Nl.FDumpIntr, 5, Port, 1, 0, 0, 0).Concat(Msg(Nl.MsgDone, Nl.FMulti, 5, Port, Done)).ToArray();
        Assert.True(NetlinkSocket.ProcessReply(datagram, 5, Port, "dump", null, false, ref interrupted));
        Assert.True(interrupted);
    }

    [Fact]
    public void A_dump_ending_in_an_error_throws()
    {
        var interrupted = false;
        var done = Msg(Nl.MsgDone, Nl.FMulti, 5, Port, BitConverter.GetBytes(-Errno.EINVAL));
        var ex = Assert.Throws<NetlinkException>(() => NetlinkSocket.ProcessReply(done, 5, Port, "dump", null, false, ref interrupted));
        Assert.Equal(Errno.EINVAL, ex.Errno);
    }

    [Fact]
    public void A_request_ends_at_its_ack_after_the_reply()
    {
        var interrupted = false;
        var count = 0;
        var ack = new byte[20];
        var datagram = Msg(16, 0, 8, Port, 1, 2, 3, 4).Concat(Msg(Nl.MsgError, Nl.FCapped, 8, Port, ack)).ToArray();
        Assert.True(NetlinkSocket.ProcessReply(datagram, 8, Port, "get", (in NetlinkMessage _) => count++, true, ref interrupted));
        Assert.Equal(1, count);
    }
}

using System.Buffers.Binary;
using System.Net;
using Mesh.Daemon.Probe;

namespace Mesh.Daemon.Tests.Probe;

public sealed class IcmpEchoProbeTests
{
    private static readonly IPAddress Target = IPAddress.Parse("10.2.0.1");

    private static byte[] Ip(string src, string dst, byte[] icmp)
    {
        var p = new byte[20 + icmp.Length];
        p[0] = 0x45;
        p[9] = 1;
        IPAddress.Parse(src).TryWriteBytes(p.AsSpan(12), out _);
        IPAddress.Parse(dst).TryWriteBytes(p.AsSpan(16), out _);
        icmp.CopyTo(p, 20);
        return p;
    }

    private static ushort Sum(ReadOnlySpan<byte> d)
    {
        uint s = 0;
        for (var i = 0; i + 1 < d.Length; i += 2)
        {
            s += BinaryPrimitives.ReadUInt16BigEndian(d[i..]);
        }

        if ((d.Length & 1) == 1)
        {
            s += (uint)d[^1] << 8;
        }

        while (s >> 16 != 0)
        {
            s = (s & 0xffff) + (s >> 16);
        }

        return (ushort)s;
    }

    [Fact]
    public void The_echo_request_has_the_asked_size_and_a_valid_checksum()
    {
        var req = IcmpEchoProbe.EchoRequest(0x1234, 7, 1420);
        Assert.Equal(1420, req.Length);
        Assert.Equal(8, req[0]);
        Assert.Equal(0xffff, Sum(req)); // one's complement sum over a valid message is all ones
        var odd = IcmpEchoProbe.EchoRequest(1, 2, 1313);
        Assert.Equal(0xffff, Sum(odd));
    }

    [Fact]
    public void Our_reply_from_the_target_counts_and_others_do_not()
    {
        var reply = IcmpEchoProbe.EchoRequest(0x1234, 7, 100);
        reply[0] = 0;
        Assert.Equal(EchoOutcome.Reply, IcmpEchoProbe.Classify(Ip("10.2.0.1", "10.1.0.1", reply), Target, 0x1234, 7)?.Outcome);
        Assert.Null(IcmpEchoProbe.Classify(Ip("10.2.0.1", "10.1.0.1", reply), Target, 0x1234, 8)); // another sequence
        Assert.Null(IcmpEchoProbe.Classify(Ip("10.9.0.9", "10.1.0.1", reply), Target, 0x1234, 7)); // another host
    }

    [Fact]
    public void Frag_needed_quoting_our_request_is_too_big_with_the_reported_mtu()
    {
        var request = Ip("10.1.0.1", "10.2.0.1", IcmpEchoProbe.EchoRequest(0x1234, 7, 1420));
        var error = new byte[8 + 28];
        error[0] = 3;
        error[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(error.AsSpan(6), 1340);
        request.AsSpan(0, 28).CopyTo(error.AsSpan(8));
        var r = IcmpEchoProbe.Classify(Ip("192.0.2.254", "10.1.0.1", error), Target, 0x1234, 7);
        Assert.Equal(new EchoResult(EchoOutcome.TooBig, 1340), r);

        error[1] = 1; // host unreachable
        Assert.Equal(EchoOutcome.Error, IcmpEchoProbe.Classify(Ip("192.0.2.254", "10.1.0.1", error), Target, 0x1234, 7)?.Outcome);
        Assert.Null(IcmpEchoProbe.Classify(Ip("192.0.2.254", "10.1.0.1", error), Target, 0x9999, 7));
    }

    [Fact]
    public void Only_ipv4_targets_are_accepted() =>
        Assert.Throws<ArgumentException>(() => new IcmpEchoProbe().Send(IPAddress.Parse("fd00::1"), 1280, TimeSpan.FromSeconds(1)));
}

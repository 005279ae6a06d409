using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Daemon.Probe;

/// <summary>
/// ICMP echo over a raw IPv4 socket (needs CAP_NET_RAW) with IP_MTU_DISCOVER = IP_PMTUDISC_DO, so the kernel neither
/// fragments the probe nor lets a later hop do it: a probe larger than the known path MTU fails at send (EMSGSIZE),
/// one that meets a smaller hop comes back as ICMP fragmentation-needed or not at all. The socket is opened per probe
/// in the calling thread's network namespace.
/// </summary>
public sealed class IcmpEchoProbe : IEchoProbe
{
    private const int IpProtoIp = 0;
    private const int IpMtuDiscover = 10;
    private const int IpPmtuDiscDo = 2;
    private const int Ipv4Header = 20;
    private const int IcmpHeader = 8;
    private static int _sequence = Random.Shared.Next(0, 0xffff);

    /// <inheritdoc/>
    public EchoResult Send(IPAddress target, int packetSize, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"the path MTU probe speaks IPv4 only; {target} is not an IPv4 address", nameof(target));
        }

        if (packetSize < Ipv4Header + IcmpHeader || packetSize > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(packetSize), packetSize, "an IPv4 echo is 28 to 65535 bytes");
        }

        var id = (ushort)Random.Shared.Next(1, 0xffff);
        var seq = (ushort)Interlocked.Increment(ref _sequence);
        var request = EchoRequest(id, seq, packetSize - Ipv4Header);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        socket.SetRawSocketOption(IpProtoIp, IpMtuDiscover, BitConverter.GetBytes(IpPmtuDiscDo));
        try
        {
            socket.SendTo(request, new IPEndPoint(target, 0));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            return new EchoResult(EchoOutcome.TooBig);
        }
        catch (SocketException)
        {
            return new EchoResult(EchoOutcome.Error);
        }

        return Await(socket, target, id, seq, timeout);
    }

    private static EchoResult Await(Socket socket, IPAddress target, ushort id, ushort seq, TimeSpan timeout)
    {
        var buffer = new byte[65536];
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        for (var reads = 0; reads < 10_000; reads++)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(left), SelectMode.SelectRead))
            {
                return new EchoResult(EchoOutcome.Timeout);
            }

            int n;
            try
            {
                n = socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                return new EchoResult(EchoOutcome.TooBig);
            }

            if (Classify(buffer.AsSpan(0, n), target, id, seq) is { } result)
            {
                return result;
            }
        }

        return new EchoResult(EchoOutcome.Timeout);
    }

    /// <summary>An ICMP echo request of <paramref name="icmpLength"/> bytes (header included) with a valid checksum.</summary>
    public static byte[] EchoRequest(ushort id, ushort seq, int icmpLength)
    {
        var p = new byte[icmpLength];
        p[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), seq);
        for (var i = IcmpHeader; i < p.Length; i++)
        {
            p[i] = (byte)i;
        }

        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), Checksum(p));
        return p;
    }

    /// <summary>Our echo reply, a fragmentation-needed quoting our request, or null for any other ICMP packet.</summary>
    public static EchoResult? Classify(ReadOnlySpan<byte> ip, IPAddress target, ushort id, ushort seq)
    {
        if (ip.Length < Ipv4Header + IcmpHeader || ip[0] >> 4 != 4)
        {
            return null;
        }

        var ihl = (ip[0] & 0x0f) * 4;
        if (ip.Length < ihl + IcmpHeader)
        {
            return null;
        }

        var icmp = ip[ihl..];
        if (icmp[0] == 0 && new IPAddress(ip.Slice(12, 4)).Equals(target) && Matches(icmp, id, seq))
        {
            return new EchoResult(EchoOutcome.Reply);
        }

        if (icmp[0] == 3 && icmp.Length >= IcmpHeader + Ipv4Header + IcmpHeader)
        {
            var quoted = icmp[IcmpHeader..];
            var qihl = (quoted[0] & 0x0f) * 4;
            if (quoted.Length < qihl + IcmpHeader || !new IPAddress(quoted.Slice(16, 4)).Equals(target) || quoted[qihl] != 8 || !Matches(quoted[qihl..], id, seq))
            {
                return null;
            }

            return icmp[1] == 4
                ? new EchoResult(EchoOutcome.TooBig, BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) is var m and > 0 ? m : null)
                : new EchoResult(EchoOutcome.Error);
        }

        return null;
    }

    private static bool Matches(ReadOnlySpan<byte> icmp, ushort id, ushort seq) =>
        BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == id && BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) == seq;

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if ((data.Length & 1) == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}

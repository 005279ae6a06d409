using System.Net;
using BenchmarkDotNet.Attributes;
using Netlink.Wire;
using Netlink.Rtnl;

namespace Mesh.Benchmarks;

/// <summary>
/// rtnetlink route encode (RTM_NEWROUTE request: header, rtmsg, attributes) and decode (parse the same bytes back
/// into a Route), without a socket: the per-message cost under the dump benchmarks. No root needed.
/// </summary>
[MemoryDiagnoser]
public class RouteCodecBenchmarks
{
    private readonly Route _route = new(IPNetwork.Parse("10.2.0.0/16"))
    {
        Gateway = IPAddress.Parse("10.1.0.254"),
        OutputIndex = 7,
    };

    private byte[] _message = [];

    /// <summary>Encodes the route once for the decode benchmark and checks the round trip.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var w = new NetlinkWriter(Rt.NewRoute, Nl.FRequest);
        RouteCodec.Write(w, _route);
        _message = w.Message.ToArray();
        if (Decode()?.Destination != _route.Destination)
        {
            throw new InvalidOperationException("encoded route does not decode to itself");
        }
    }

    /// <summary>RTM_NEWROUTE request for one route.</summary>
    [Benchmark]
    public int Encode()
    {
        using var w = new NetlinkWriter(Rt.NewRoute, Nl.FRequest);
        RouteCodec.Write(w, _route);
        return w.Length;
    }

    /// <summary>Parses one RTM_NEWROUTE message.</summary>
    [Benchmark]
    public Route? Decode()
    {
        foreach (var m in new MessageReader(_message))
        {
            return RouteCodec.Decode(m);
        }

        return null;
    }
}

using System.Net;
using System.Net.Sockets;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>Encodes and decodes route messages (rtmsg + RTA_*).</summary>
public static class RouteCodec
{
    /// <summary>Writes the body of an RTM_NEWROUTE (or, with <paramref name="delete"/>, RTM_DELROUTE) request.</summary>
    public static void Write(NetlinkWriter w, Route r, bool delete = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        var v6 = r.IsIPv6;
        if (r.Gateway is { } g && (g.AddressFamily == AddressFamily.InterNetworkV6) != v6)
        {
            throw new ArgumentException($"route {r.Destination}: gateway {g} is of another address family");
        }

        var scope = delete ? Rt.RtScopeNowhere : r.Type switch
        {
            RouteType.Local => Rt.RtScopeHost,
            RouteType.Unicast when r.Gateway is null => Rt.RtScopeLink,
            _ => Rt.RtScopeUniverse,
        };
        w.Write(new RtMsg
        {
            Family = v6 ? Rt.AfInet6 : Rt.AfInet,
            DstLength = (byte)r.Destination.PrefixLength,
            Table = r.Table < 256 ? (byte)r.Table : (byte)0,
            Protocol = r.Protocol,
            Scope = scope,
            Type = (byte)r.Type,
        });
        w.PutU32(Rt.RtaTable, r.Table);
        if (r.Destination.PrefixLength > 0)
        {
            w.PutAddress(Rt.RtaDst, r.Destination.BaseAddress);
        }

        if (r.Gateway is { } gw)
        {
            w.PutAddress(Rt.RtaGateway, gw);
        }

        if (r.OutputIndex is { } oif)
        {
            w.PutU32(Rt.RtaOif, (uint)oif);
        }

        if (r.Metric is { } metric)
        {
            w.PutU32(Rt.RtaPriority, metric);
        }

        if (r.PreferredSource is { } src)
        {
            w.PutAddress(Rt.RtaPrefSrc, src);
        }
    }

    /// <summary>Decodes an RTM_NEWROUTE/RTM_DELROUTE message; null for other types and cloned (cache) routes.</summary>
    public static Route? Decode(in NetlinkMessage m)
    {
        if (m.Type is not (Rt.NewRoute or Rt.DelRoute))
        {
            return null;
        }

        var hdr = m.FamilyHeader<RtMsg>();
        if ((hdr.Flags & Rt.RtmFCloned) != 0 || hdr.Family is not (Rt.AfInet or Rt.AfInet6))
        {
            return null;
        }

        uint table = hdr.Table;
        IPAddress? dst = null, gw = null, src = null;
        int? oif = null;
        uint? metric = null;
        foreach (var a in m.Attributes<RtMsg>())
        {
            switch (a.Type)
            {
                case Rt.RtaTable: table = a.U32(); break;
                case Rt.RtaDst: dst = a.Address(); break;
                case Rt.RtaGateway: gw = a.Address(); break;
                case Rt.RtaOif: oif = a.S32(); break;
                case Rt.RtaPriority: metric = a.U32(); break;
                case Rt.RtaPrefSrc: src = a.Address(); break;
            }
        }

        dst ??= hdr.Family == Rt.AfInet6 ? IPAddress.IPv6Any : IPAddress.Any;
        return new Route(new IPNetwork(dst, hdr.DstLength))
        {
            Type = (RouteType)hdr.Type,
            Gateway = gw,
            OutputIndex = oif,
            Table = table,
            Metric = metric,
            Protocol = hdr.Protocol,
            PreferredSource = src,
        };
    }
}

using System.Net;
using System.Net.NetworkInformation;
using Netlink.Rtnl;
using Netlink.Wire;

namespace Netlink.Tests;

/// <summary>Golden bytes (hand-computed from linux/rtnetlink.h, if_link.h, neighbour.h; x86-64 little endian).</summary>
public sealed class RtnlCodecTests
{
    private static readonly VxlanKind Vx100 = new(100) { Local = IPAddress.Parse("192.0.2.1") };

    [Fact]
    public void Vxlan_create_request_matches_golden_bytes()
    {
        using var w = new NetlinkWriter(Rt.NewLink, Nl.FAck | Nl.FCreate | Nl.FExcl);
        LinkCodec.WriteCreate(w, new LinkSpec("vx100", Vx100) { Mtu = 1450, Up = true }, masterIndex: 7, peerNamespaceFd: null);

        var expected = Hex.Bytes(
            "78 00 00 00 10 00 05 06", // len 120, RTM_NEWLINK (16), REQUEST|ACK|EXCL|CREATE = 0x605
            "00 00 00 00 00 00 00 00", // seq/pid (stamped on send)
            "00 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00", // ifinfomsg: AF_UNSPEC, index 0, flags=change=IFF_UP
            "0a 00 03 00 76 78 31 30 30 00 00 00", // IFLA_IFNAME "vx100\0" (len 10, pad 2)
            "08 00 04 00 aa 05 00 00", // IFLA_MTU 1450
            "08 00 0a 00 07 00 00 00", // IFLA_MASTER 7
            "3c 00 12 80", // IFLA_LINKINFO | NLA_F_NESTED, len 60
            "0a 00 01 00 76 78 6c 61 6e 00 00 00", // IFLA_INFO_KIND "vxlan\0"
            "2c 00 02 80", // IFLA_INFO_DATA | NLA_F_NESTED, len 44
            "08 00 01 00 64 00 00 00", // IFLA_VXLAN_ID 100
            "08 00 04 00 c0 00 02 01", // IFLA_VXLAN_LOCAL 192.0.2.1
            "05 00 05 00 00 00 00 00", // IFLA_VXLAN_TTL 0 (inherit)
            "05 00 07 00 00 00 00 00", // IFLA_VXLAN_LEARNING 0
            "06 00 0f 00 12 b5 00 00"); // IFLA_VXLAN_PORT 4789, network byte order
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
    }

    [Fact]
    public void Link_decoder_reads_back_what_the_encoder_wrote()
    {
        using var w = new NetlinkWriter(Rt.NewLink, 0);
        LinkCodec.WriteCreate(w, new LinkSpec("vx100", Vx100 with { Ttl = 64 }) { Mtu = 1450, Up = true }, 7, null);
        var link = LinkDecoder.Decode(Hex.Message(w.Message.ToArray()));

        Assert.NotNull(link);
        Assert.Equal(new LinkInfo(0, "vx100", Vx100 with { Ttl = 64 }) { Mtu = 1450, Up = true, MasterIndex = 7 }, link);
    }

    [Fact]
    public void Bridge_port_change_carries_slave_data()
    {
        using var w = new NetlinkWriter(Rt.NewLink, Nl.FAck);
        LinkCodec.WriteChange(w, 5, new LinkChanges { BridgePort = new BridgePortSettings { NeighSuppress = true, Learning = false } });

        var expected = Hex.Bytes(
            "44 00 00 00 10 00 05 00 00 00 00 00 00 00 00 00", // len 68, RTM_NEWLINK, REQUEST|ACK
            "00 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00", // ifinfomsg index 5, no flag change
            "24 00 12 80", // IFLA_LINKINFO nested, len 36 = 4 + 12 + 20
            "0b 00 04 00 62 72 69 64 67 65 00 00", // IFLA_INFO_SLAVE_KIND "bridge\0" (len 11)
            "14 00 05 80", // IFLA_INFO_SLAVE_DATA nested, len 20
            "05 00 08 00 00 00 00 00", // IFLA_BRPORT_LEARNING 0
            "05 00 20 00 01 00 00 00"); // IFLA_BRPORT_NEIGH_SUPPRESS (32) 1
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
    }

    [Fact]
    public void Route_with_gateway_and_marker_matches_golden_bytes_and_round_trips()
    {
        var route = new Route(IPNetwork.Parse("10.1.0.0/16"))
        {
            Gateway = IPAddress.Parse("192.0.2.254"),
            OutputIndex = 3,
            Table = 100,
            Metric = 20,
        };
        using var w = new NetlinkWriter(Rt.NewRoute, Nl.FAck | Nl.FCreate | Nl.FExcl);
        RouteCodec.Write(w, route);

        var expected = Hex.Bytes(
            "44 00 00 00 18 00 05 06 00 00 00 00 00 00 00 00", // len 68, RTM_NEWROUTE (24)
            "02 10 00 00 64 c8 00 01 00 00 00 00", // rtmsg: AF_INET, /16, table 100, proto 200 (meshd), scope universe, RTN_UNICAST
            "08 00 0f 00 64 00 00 00", // RTA_TABLE 100
            "08 00 01 00 0a 01 00 00", // RTA_DST 10.1.0.0
            "08 00 05 00 c0 00 02 fe", // RTA_GATEWAY 192.0.2.254
            "08 00 04 00 03 00 00 00", // RTA_OIF 3
            "08 00 06 00 14 00 00 00"); // RTA_PRIORITY 20
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
        Assert.Equal(route, RouteCodec.Decode(Hex.Message(expected)));
    }

    [Fact]
    public void Blackhole_route_has_universe_scope_and_no_gateway()
    {
        var route = new Route(IPNetwork.Parse("203.0.113.0/24")) { Type = RouteType.Blackhole };
        using var w = new NetlinkWriter(Rt.NewRoute, Nl.FAck);
        RouteCodec.Write(w, route);

        var expected = Hex.Bytes(
            "2c 00 00 00 18 00 05 00 00 00 00 00 00 00 00 00", // len 44
            "02 18 00 00 fe c8 00 06 00 00 00 00", // AF_INET, /24, table main (254), proto 200, scope 0, RTN_BLACKHOLE (6)
            "08 00 0f 00 fe 00 00 00", // RTA_TABLE 254
            "08 00 01 00 cb 00 71 00"); // RTA_DST 203.0.113.0
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
        Assert.Equal(route, RouteCodec.Decode(Hex.Message(expected)));
    }

    [Fact]
    public void Vxlan_flood_entry_append_matches_golden_bytes_and_round_trips()
    {
        var entry = new FdbEntry(5, FdbEntry.ZeroMac) { Destination = IPAddress.Parse("198.51.100.7") };
        using var w = new NetlinkWriter(Rt.NewNeigh, Nl.FAck | Nl.FCreate | Nl.FAppend);
        NeighbourCodec.Write(w, entry);

        var expected = Hex.Bytes(
            "30 00 00 00 1c 00 05 0c 00 00 00 00 00 00 00 00", // len 48, RTM_NEWNEIGH (28), REQUEST|ACK|CREATE|APPEND
            "07 00 00 00 05 00 00 00 80 00 02 00", // ndmsg: AF_BRIDGE, ifindex 5, NUD_PERMANENT, NTF_SELF
            "0a 00 02 00 00 00 00 00 00 00 00 00", // NDA_LLADDR 00:00:00:00:00:00
            "08 00 01 00 c6 33 64 07"); // NDA_DST 198.51.100.7
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
        Assert.Equal(entry, NeighbourCodec.DecodeFdb(Hex.Message(expected)));
    }

    [Fact]
    public void Point_to_point_address_round_trips_with_its_peer()
    {
        var a = new InterfaceAddress(4, IPAddress.Parse("10.255.0.1"), 32) { Peer = IPAddress.Parse("10.255.0.2") };
        using var w = new NetlinkWriter(Rt.NewAddr, Nl.FAck);
        AddressCodec.Write(w, a);

        var expected = Hex.Bytes(
            "28 00 00 00 14 00 05 00 00 00 00 00 00 00 00 00", // len 40, RTM_NEWADDR (20)
            "02 20 00 00 04 00 00 00", // ifaddrmsg: AF_INET, /32, flags 0, scope 0, index 4
            "08 00 02 00 0a ff 00 01", // IFA_LOCAL 10.255.0.1
            "08 00 01 00 0a ff 00 02"); // IFA_ADDRESS (peer) 10.255.0.2
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
        Assert.Equal(a, AddressCodec.Decode(Hex.Message(expected)));
    }

    [Theory]
    [InlineData("toolongname12345")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("has space")]
    public void Invalid_interface_names_are_refused_with_the_rule(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new LinkSpec(name, new DummyKind()).Validate());
        Assert.Contains("1-15 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vni_over_24_bits_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LinkSpec("vx0", new VxlanKind(0x1000000)).Validate());
        Assert.Contains("24 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_equality_is_by_value()
    {
        Assert.Equal(new LinkInfo(1, "a", new VxlanKind(5)) { Mac = PhysicalAddress.Parse("02-00-00-00-00-01") },
            new LinkInfo(1, "a", new VxlanKind(5)) { Mac = PhysicalAddress.Parse("02-00-00-00-00-01") });
    }
}

using System.Net;
using Netlink.Generic;
using Netlink.Wire;
using Netlink.WireGuard;

namespace Netlink.Tests;

/// <summary>
/// WireGuard generic netlink messages, byte-exact against fixtures derived by hand from
/// include/uapi/linux/wireguard.h: WG_CMD_SET_DEVICE = 1, WG_GENL_VERSION = 1, WGDEVICE_A_IFNAME = 2,
/// WGDEVICE_A_PRIVATE_KEY = 3, WGDEVICE_A_FLAGS = 5, WGDEVICE_A_LISTEN_PORT = 6 (NLA_U16),
/// WGDEVICE_A_PEERS = 8 (nested, each peer a nested attribute of type 0), WGPEER_A_PUBLIC_KEY = 1,
/// WGPEER_A_FLAGS = 3, WGPEER_A_ENDPOINT = 4 (struct sockaddr_in), WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL = 5,
/// WGPEER_A_ALLOWEDIPS = 9 (nested list of type-0 entries), WGALLOWEDIP_A_FAMILY = 1 (u16),
/// WGALLOWEDIP_A_IPADDR = 2, WGALLOWEDIP_A_CIDR_MASK = 3 (u8). Nested attributes carry NLA_F_NESTED
/// (0x8000) as libmnl and wgctrl-go set it. The family id is assigned by the kernel at runtime; 0x1c is an example.
/// </summary>
public sealed class WireGuardCodecTests
{
    private const ushort FamilyId = 0x1c;

    private static readonly WgKey Private = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly WgKey PeerKey = new(Enumerable.Repeat((byte)0xAA, 32).ToArray());

    private static readonly byte[] SetFixture = Hex.Bytes(
        "c0 00 00 00", // nlmsg_len 192
        "1c 00 05 00", // type = family id 0x1c, flags NLM_F_REQUEST|NLM_F_ACK
        "00 00 00 00 00 00 00 00", // seq, pid (stamped on send)
        "01 01 00 00", // genlmsghdr: cmd WG_CMD_SET_DEVICE (1), version 1
        "08 00 02 00 77 67 30 00", // WGDEVICE_A_IFNAME "wg0\0"
        "24 00 03 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20", // PRIVATE_KEY (len 36)
        "06 00 06 00 6c ca 00 00", // WGDEVICE_A_LISTEN_PORT 51820 (0xca6c, host order) + 2 pad
        "08 00 05 00 01 00 00 00", // WGDEVICE_A_FLAGS = WGDEVICE_F_REPLACE_PEERS
        "70 00 08 80", // WGDEVICE_A_PEERS | NLA_F_NESTED, len 112
        "6c 00 00 80", // peer 0 | NLA_F_NESTED, len 108
        "24 00 01 00 aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa", // WGPEER_A_PUBLIC_KEY
        "14 00 04 00 02 00 ca 6c c0 00 02 01 00 00 00 00 00 00 00 00", // WGPEER_A_ENDPOINT: sockaddr_in AF_INET(2), port 51820 BE, 192.0.2.1, zero[8]
        "06 00 05 00 19 00 00 00", // WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL 25
        "08 00 03 00 02 00 00 00", // WGPEER_A_FLAGS = WGPEER_F_REPLACE_ALLOWEDIPS
        "20 00 09 80", // WGPEER_A_ALLOWEDIPS | NLA_F_NESTED, len 32
        "1c 00 00 80", // allowed ip 0 | NLA_F_NESTED, len 28
        "06 00 01 00 02 00 00 00", // WGALLOWEDIP_A_FAMILY AF_INET
        "08 00 02 00 0a 00 00 00", // WGALLOWEDIP_A_IPADDR 10.0.0.0
        "05 00 03 00 18 00 00 00"); // WGALLOWEDIP_A_CIDR_MASK 24

    private static WgDeviceConfig SmallConfig() => new("wg0")
    {
        PrivateKey = Private,
        ListenPort = 51820,
        ReplacePeers = true,
        Peers = new([new WgPeerConfig(PeerKey)
        {
            Endpoint = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 51820),
            PersistentKeepalive = 25,
            ReplaceAllowedIps = true,
            AllowedIps = new([IPNetwork.Parse("10.0.0.0/24")]),
        }]),
    };

    [Fact]
    public void Set_device_matches_the_uapi_derived_fixture()
    {
        var messages = WgSetEncoder.Encode(FamilyId, SmallConfig());
        Assert.Equal(Hex.Of(SetFixture), Hex.Of(Assert.Single(messages)));
    }

    [Fact]
    public void Get_device_reply_with_the_same_attributes_decodes()
    {
        var decoder = new WgDeviceDecoder();
        decoder.Add(Hex.Message(SetFixture));
        var device = decoder.Build();

        Assert.Equal("wg0", device.Name);
        Assert.Equal(Private, device.PrivateKey);
        Assert.Equal(51820, device.ListenPort);
        var peer = Assert.Single(device.Peers);
        Assert.Equal(PeerKey, peer.PublicKey);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 51820), peer.Endpoint);
        Assert.Equal(25, peer.PersistentKeepalive);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/24")], peer.AllowedIps);
    }

    [Fact]
    public void Get_device_request_is_a_dump_naming_the_device()
    {
        using var w = new NetlinkWriter(FamilyId, Nl.FDump);
        w.Write(new GenlMsgHdr { Command = Wg.CmdGetDevice, Version = Wg.Version });
        w.PutString(Wg.DeviceIfName, "wg0");
        Assert.Equal(
            Hex.Of(Hex.Bytes("1c 00 00 00 1c 00 01 03 00 00 00 00 00 00 00 00", "00 01 00 00", "08 00 02 00 77 67 30 00")),
            Hex.Of(w.Message)); // len 28, NLM_F_REQUEST|NLM_F_DUMP (0x301), WG_CMD_GET_DEVICE (0)
    }

    [Fact]
    public void Large_configuration_is_split_like_wg8_with_replace_flags_only_first()
    {
        var ips = Enumerable.Range(0, 600).Select(i => new IPNetwork(new IPAddress([10, (byte)(i >> 8), (byte)i, 0]), 24)).ToArray();
        var peers = Enumerable.Range(0, 3).Select(p => new WgPeerConfig(new WgKey(Enumerable.Repeat((byte)(p + 1), 32).ToArray()))
        {
            ReplaceAllowedIps = true,
            PersistentKeepalive = 25,
            AllowedIps = new(ips.Skip(p * 200).Take(200)),
        }).ToArray();
        var config = SmallConfig() with { Peers = new(peers) };

        var messages = WgSetEncoder.Encode(FamilyId, config, 4096);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Length <= 4096, $"message of {m.Length} bytes"));
        var decoded = messages.Select(Decode).ToArray();
        Assert.True(decoded[0].ReplacePeers && decoded[0].PrivateKey == Private);
        Assert.All(decoded.Skip(1), d => Assert.False(d.ReplacePeers || d.PrivateKey is not null || d.ListenPort is not null));

        // Every allowed IP arrives exactly once, in order, and REPLACE_ALLOWEDIPS/keepalive only with a peer's first part.
        foreach (var p in peers)
        {
            var parts = decoded.SelectMany(d => d.Peers).Where(x => x.PublicKey == p.PublicKey).ToArray();
            Assert.Equal(p.AllowedIps, parts.SelectMany(x => x.AllowedIps));
            Assert.True(parts[0].ReplaceAllowedIps && parts[0].PersistentKeepalive == 25);
            Assert.All(parts.Skip(1), x => Assert.False(x.ReplaceAllowedIps || x.PersistentKeepalive is not null));
        }
    }

    [Fact]
    public void Dump_parts_of_one_peer_are_merged()
    {
        var part1 = Reply(peer: PeerKey, "10.0.0.0/24", "10.0.1.0/24");
        var part2 = Reply(peer: PeerKey, "10.0.2.0/24");
        var part3 = Reply(peer: Private, "192.168.0.0/16");
        var decoder = new WgDeviceDecoder();
        foreach (var m in new[] { part1, part2, part3 })
        {
            decoder.Add(Hex.Message(m));
        }

        var device = decoder.Build();
        Assert.Equal(2, device.Peers.Count);
        Assert.Equal(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"], device.Peers[0].AllowedIps.Select(n => n.ToString()));
    }

    [Fact]
    public void Family_lookup_request_matches_golden_bytes()
    {
        using var w = new NetlinkWriter(GenericNetlink.ControllerId, Nl.FAck);
        GenericNetlink.WriteGetFamily(w, "wireguard");
        var expected = Hex.Bytes(
            "24 00 00 00 10 00 05 00 00 00 00 00 00 00 00 00", // len 36, GENL_ID_CTRL (0x10), REQUEST|ACK
            "03 01 00 00", // CTRL_CMD_GETFAMILY, version 1
            "0e 00 02 00 77 69 72 65 67 75 61 72 64 00 00 00"); // CTRL_ATTR_FAMILY_NAME "wireguard\0" (len 14)
        Assert.Equal(Hex.Of(expected), Hex.Of(w.Message));
    }

    [Fact]
    public void Config_and_device_never_print_secrets()
    {
        var text = SmallConfig().ToString() + new WgDevice(1, "wg0") { PrivateKey = Private }.ToString();
        Assert.DoesNotContain(Private.ToString(), text, StringComparison.Ordinal);
        Assert.Contains("(hidden)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_parse_from_base64_and_reject_bad_input()
    {
        Assert.True(WgKey.TryParse(PeerKey.ToString(), out var k));
        Assert.Equal(PeerKey, k);
        Assert.False(WgKey.TryParse("not a key", out _));
        Assert.Throws<FormatException>(() => WgKey.Parse("AAAA"));
    }

    private static byte[] Reply(WgKey peer, params string[] allowed)
    {
        using var w = new NetlinkWriter(FamilyId, Nl.FMulti);
        w.Write(new GenlMsgHdr { Command = Wg.CmdGetDevice, Version = Wg.Version });
        w.PutS32(Wg.DeviceIfIndex, 9);
        w.PutString(Wg.DeviceIfName, "wg0");
        var peers = w.BeginNested(Wg.DevicePeers);
        var p = w.BeginNested(0);
        w.Put(Wg.PeerPublicKey, peer.Bytes);
        var ips = w.BeginNested(Wg.PeerAllowedIps);
        foreach (var a in allowed.Select(IPNetwork.Parse))
        {
            var n = w.BeginNested(0);
            w.PutU16(Wg.AllowedIpFamily, Rt.AfInet);
            w.PutAddress(Wg.AllowedIpAddress, a.BaseAddress);
            w.PutU8(Wg.AllowedIpCidr, (byte)a.PrefixLength);
            w.EndNested(n);
        }

        w.EndNested(ips);
        w.EndNested(p);
        w.EndNested(peers);
        return w.Message.ToArray();
    }

    /// <summary>Independent test-side decoder of a set request, to check the splitter's output.</summary>
    private static WgDeviceConfig Decode(byte[] message)
    {
        var m = Hex.Message(message);
        var config = new WgDeviceConfig(string.Empty);
        var peers = new List<WgPeerConfig>();
        foreach (var a in m.Attributes<GenlMsgHdr>())
        {
            switch (a.Type)
            {
                case Wg.DeviceIfName: config = config with { Name = a.String() }; break;
                case Wg.DevicePrivateKey: config = config with { PrivateKey = new WgKey(a.Payload) }; break;
                case Wg.DeviceListenPort: config = config with { ListenPort = a.U16() }; break;
                case Wg.DeviceFlags: config = config with { ReplacePeers = (a.U32() & Wg.DeviceFReplacePeers) != 0 }; break;
                case Wg.DevicePeers:
                    foreach (var pa in a.Nested())
                    {
                        peers.Add(DecodePeer(pa.Nested()));
                    }

                    break;
            }
        }

        return config with { Peers = new(peers) };
    }

    private static WgPeerConfig DecodePeer(AttributeReader attrs)
    {
        var p = new WgPeerConfig(default);
        var ips = new List<IPNetwork>();
        foreach (var a in attrs)
        {
            switch (a.Type)
            {
                case Wg.PeerPublicKey: p = p with { PublicKey = new WgKey(a.Payload) }; break;
                case Wg.PeerKeepalive: p = p with { PersistentKeepalive = a.U16() }; break;
                case Wg.PeerFlags: p = p with { ReplaceAllowedIps = (a.U32() & Wg.PeerFReplaceAllowedIps) != 0 }; break;
                case Wg.PeerAllowedIps:
                    foreach (var ip in a.Nested())
                    {
                        IPAddress? addr = null;
                        byte cidr = 0;
                        foreach (var f in ip.Nested())
                        {
                            if (f.Type == Wg.AllowedIpAddress)
                            {
                                addr = f.Address();
                            }
                            else if (f.Type == Wg.AllowedIpCidr)
                            {
                                cidr = f.U8();
                            }
                        }

                        ips.Add(new IPNetwork(addr!, cidr));
                    }

                    break;
            }
        }

        return p with { AllowedIps = new(ips) };
    }
}

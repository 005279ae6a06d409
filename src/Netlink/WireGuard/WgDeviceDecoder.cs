using System.Net;
using Netlink.Wire;

namespace Netlink.WireGuard;

/// <summary>
/// Accumulates the NLM_F_MULTI messages of one WG_CMD_GET_DEVICE dump into a <see cref="WgDevice"/>.
/// A peer whose allowed IPs did not fit in one message is repeated at the start of the next with the same
/// public key; its parts are merged.
/// </summary>
public sealed class WgDeviceDecoder
{
    private readonly List<PeerBuilder> _peers = [];
    private WgDevice? _device;

    /// <summary>Adds one reply message (genlmsghdr + WGDEVICE_A_*).</summary>
    public void Add(in NetlinkMessage m)
    {
        var d = _device ?? new WgDevice(0, string.Empty);
        foreach (var a in m.Attributes<GenlMsgHdr>())
        {
            d = a.Type switch
            {
                Wg.DeviceIfIndex => d with { Index = a.S32() },
                Wg.DeviceIfName => d with { Name = a.String() },
                Wg.DevicePrivateKey => d with { PrivateKey = Key(a) },
                Wg.DevicePublicKey => d with { PublicKey = Key(a) },
                Wg.DeviceListenPort => d with { ListenPort = a.U16() },
                Wg.DeviceFwMark => d with { FirewallMark = a.U32() },
                _ => d,
            };
            if (a.Type == Wg.DevicePeers)
            {
                foreach (var p in a.Nested())
                {
                    AddPeer(p.Nested());
                }
            }
        }

        _device = d;
    }

    /// <summary>The merged device; throws when no message arrived.</summary>
    public WgDevice Build() => (_device ?? throw new NetlinkException(Errno.EBADMSG, "the WireGuard dump returned no device"))
        with { Peers = new ValueList<WgPeer>(_peers.Select(p => p.Build())) };

    private static WgKey? Key(NetlinkAttribute a) => a.Payload.Length == WgKey.Length ? new WgKey(a.Payload) : null;

    private void AddPeer(AttributeReader attrs)
    {
        PeerBuilder? b = null;
        foreach (var a in attrs)
        {
            if (a.Type == Wg.PeerPublicKey && Key(a) is { } key)
            {
                b = _peers.Count > 0 && _peers[^1].Peer.PublicKey == key ? _peers[^1] : null;
                if (b is null)
                {
                    b = new PeerBuilder(new WgPeer(key));
                    _peers.Add(b);
                }

                continue;
            }

            if (b is null)
            {
                throw new NetlinkException(Errno.EBADMSG, "a WireGuard peer entry does not start with its public key");
            }

            b.Peer = a.Type switch
            {
                Wg.PeerPresharedKey => b.Peer with { PresharedKey = Key(a) },
                Wg.PeerEndpoint => b.Peer with { Endpoint = SockaddrCodec.Decode(a.Payload) },
                Wg.PeerKeepalive => b.Peer with { PersistentKeepalive = a.U16() },
                Wg.PeerLastHandshake => b.Peer with { LastHandshake = Handshake(a) },
                Wg.PeerRxBytes => b.Peer with { ReceivedBytes = a.U64() },
                Wg.PeerTxBytes => b.Peer with { TransmittedBytes = a.U64() },
                Wg.PeerProtocolVersion => b.Peer with { ProtocolVersion = a.U32() },
                _ => b.Peer,
            };
            if (a.Type == Wg.PeerAllowedIps)
            {
                foreach (var ip in a.Nested())
                {
                    if (AllowedIp(ip.Nested()) is { } net)
                    {
                        b.AllowedIps.Add(net);
                    }
                }
            }
        }
    }

    private static DateTimeOffset? Handshake(NetlinkAttribute a)
    {
        // struct __kernel_timespec { s64 tv_sec; s64 tv_nsec; }
        if (a.Payload.Length < 16)
        {
            return null;
        }

        var sec = BitConverter.ToInt64(a.Payload[..8]);
        var nsec = BitConverter.ToInt64(a.Payload[8..16]);
        return sec == 0 && nsec == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(sec).AddTicks(nsec / 100);
    }

    private static IPNetwork? AllowedIp(AttributeReader attrs)
    {
        IPAddress? address = null;
        int cidr = -1;
        foreach (var a in attrs)
        {
            switch (a.Type)
            {
                case Wg.AllowedIpAddress: address = a.Address(); break;
                case Wg.AllowedIpCidr: cidr = a.U8(); break;
            }
        }

        return address is null || cidr < 0 ? null : new IPNetwork(address, cidr);
    }

    private sealed class PeerBuilder(WgPeer peer)
    {
        public WgPeer Peer { get; set; } = peer;

        public List<IPNetwork> AllowedIps { get; } = [];

        public WgPeer Build() => Peer with { AllowedIps = new ValueList<IPNetwork>(AllowedIps) };
    }
}

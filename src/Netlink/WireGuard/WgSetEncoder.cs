using System.Net;
using System.Net.Sockets;
using Netlink.Wire;

namespace Netlink.WireGuard;

/// <summary>
/// Encodes WG_CMD_SET_DEVICE requests, splitting a large configuration across messages the way wg(8)
/// does: device settings and WGDEVICE_F_REPLACE_PEERS only in the first message; a peer whose allowed IPs
/// do not fit continues in the next message with its public key (and REMOVE_ME/UPDATE_ONLY) but without
/// REPLACE_ALLOWEDIPS, preshared key, endpoint or keepalive, which were sent with its first part.
/// </summary>
public static class WgSetEncoder
{
    /// <summary>Returns the request messages (sequence 0, port 0; the socket stamps them on send).</summary>
    public static IReadOnlyList<byte[]> Encode(ushort familyId, WgDeviceConfig config, int maxMessageSize = Wg.DefaultMaxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        var peers = config.Peers;
        var messages = new List<byte[]>();
        int peer = 0, ip = 0;
        var first = true;
        do
        {
            using var w = new NetlinkWriter(familyId, Nl.FAck, maxMessageSize);
            w.Write(new GenlMsgHdr { Command = Wg.CmdSetDevice, Version = Wg.Version });
            w.PutString(Wg.DeviceIfName, config.Name);
            if (first)
            {
                WriteDevice(w, config);
            }

            var progressFrom = (peer, ip);
            if (peer < peers.Count)
            {
                var nest = w.BeginNested(Wg.DevicePeers);
                while (peer < peers.Count && WritePeer(w, peers[peer], ref ip, maxMessageSize))
                {
                    peer++;
                    ip = 0;
                }

                w.EndNested(nest);
            }

            if (!first && progressFrom == (peer, ip))
            {
                throw new ArgumentException($"a message budget of {maxMessageSize} bytes cannot hold even one peer entry", nameof(maxMessageSize));
            }

            messages.Add(w.Message.ToArray());
            first = false;
        }
        while (peer < peers.Count);

        return messages;
    }

    private static void WriteDevice(NetlinkWriter w, WgDeviceConfig c)
    {
        if (c.PrivateKey is { } key)
        {
            w.Put(Wg.DevicePrivateKey, key.Bytes);
        }

        if (c.ListenPort is { } port)
        {
            w.PutU16(Wg.DeviceListenPort, port);
        }

        if (c.FirewallMark is { } mark)
        {
            w.PutU32(Wg.DeviceFwMark, mark);
        }

        if (c.ReplacePeers)
        {
            w.PutU32(Wg.DeviceFlags, Wg.DeviceFReplacePeers);
        }
    }

    /// <summary>Writes (the rest of) one peer; returns false when the message is full (ip = where to continue).</summary>
    private static bool WritePeer(NetlinkWriter w, WgPeerConfig p, ref int ip, int max)
    {
        var start = w.Length;
        var nest = w.BeginNested(0);
        w.Put(Wg.PeerPublicKey, p.PublicKey.Bytes);
        var flags = (p.Remove ? Wg.PeerFRemoveMe : 0) | (p.UpdateOnly ? Wg.PeerFUpdateOnly : 0);
        if (ip == 0)
        {
            flags |= p.ReplaceAllowedIps ? Wg.PeerFReplaceAllowedIps : 0;
            if (p.PresharedKey is { } psk)
            {
                w.Put(Wg.PeerPresharedKey, psk.Bytes);
            }

            if (p.Endpoint is { } ep)
            {
                w.Put(Wg.PeerEndpoint, SockaddrCodec.Encode(ep));
            }

            if (p.PersistentKeepalive is { } ka)
            {
                w.PutU16(Wg.PeerKeepalive, ka);
            }
        }

        if (flags != 0)
        {
            w.PutU32(Wg.PeerFlags, flags);
        }

        if (w.Length > max)
        {
            w.Truncate(start);
            return false;
        }

        var complete = true;
        if (ip < p.AllowedIps.Count)
        {
            var ips = w.BeginNested(Wg.PeerAllowedIps);
            for (; ip < p.AllowedIps.Count; ip++)
            {
                var before = w.Length;
                WriteAllowedIp(w, p.AllowedIps[ip]);
                if (w.Length > max)
                {
                    w.Truncate(before);
                    complete = false;
                    break;
                }
            }

            w.EndNested(ips);
        }

        w.EndNested(nest);
        return complete;
    }

    private static void WriteAllowedIp(NetlinkWriter w, IPNetwork net)
    {
        var nest = w.BeginNested(0);
        var v6 = net.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        w.PutU16(Wg.AllowedIpFamily, v6 ? Rt.AfInet6 : Rt.AfInet);
        w.PutAddress(Wg.AllowedIpAddress, net.BaseAddress);
        w.PutU8(Wg.AllowedIpCidr, (byte)net.PrefixLength);
        w.EndNested(nest);
    }
}

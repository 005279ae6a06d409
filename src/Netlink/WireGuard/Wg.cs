namespace Netlink.WireGuard;

/// <summary>Constants of the WireGuard generic netlink family (include/uapi/linux/wireguard.h).</summary>
public static class Wg
{
#pragma warning disable CS1591 // names mirror the C enums one to one
    public const string FamilyName = "wireguard";
    public const byte Version = 1;
    public const byte CmdGetDevice = 0, CmdSetDevice = 1;
    public const uint DeviceFReplacePeers = 1;
    public const ushort DeviceIfIndex = 1, DeviceIfName = 2, DevicePrivateKey = 3, DevicePublicKey = 4, DeviceFlags = 5,
        DeviceListenPort = 6, DeviceFwMark = 7, DevicePeers = 8;
    public const uint PeerFRemoveMe = 1, PeerFReplaceAllowedIps = 2, PeerFUpdateOnly = 4;
    public const ushort PeerPublicKey = 1, PeerPresharedKey = 2, PeerFlags = 3, PeerEndpoint = 4, PeerKeepalive = 5,
        PeerLastHandshake = 6, PeerRxBytes = 7, PeerTxBytes = 8, PeerAllowedIps = 9, PeerProtocolVersion = 10;
    public const ushort AllowedIpFamily = 1, AllowedIpAddress = 2, AllowedIpCidr = 3;
#pragma warning restore CS1591

    /// <summary>wg(8)'s message budget: min(page size, 8192) bytes (libmnl's ideal socket buffer size).</summary>
    public const int DefaultMaxMessageSize = 4096;
}

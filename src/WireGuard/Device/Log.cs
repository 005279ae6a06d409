using Microsoft.Extensions.Logging;

namespace WireGuard.Device;

/// <summary>Source-generated log messages of the device (event ids 3100-3199). Never logs key material.</summary>
internal static partial class Log
{
    [LoggerMessage(3100, LogLevel.Information, "wireguard device {Name} up, listening on UDP port {Port}")]
    public static partial void DeviceUp(ILogger logger, string name, ushort port);

    [LoggerMessage(3101, LogLevel.Information, "wireguard device {Name} down")]
    public static partial void DeviceDown(ILogger logger, string name);

    [LoggerMessage(3102, LogLevel.Information, "peer {Peer} added")]
    public static partial void PeerAdded(ILogger logger, string peer);

    [LoggerMessage(3103, LogLevel.Information, "peer {Peer} removed")]
    public static partial void PeerRemoved(ILogger logger, string peer);

    [LoggerMessage(3104, LogLevel.Debug, "peer {Peer}: handshake complete ({Role})")]
    public static partial void HandshakeComplete(ILogger logger, string peer, string role);

    [LoggerMessage(3105, LogLevel.Debug, "peer {Peer}: sending handshake initiation (attempt {Attempt})")]
    public static partial void SendingInitiation(ILogger logger, string peer, int attempt);

    [LoggerMessage(3106, LogLevel.Information, "peer {Peer}: handshake did not complete after {Seconds} s, giving up for now")]
    public static partial void HandshakeGaveUp(ILogger logger, string peer, long seconds);

    [LoggerMessage(3107, LogLevel.Debug, "peer {Peer}: session keys zeroed after inactivity")]
    public static partial void KeysZeroed(ILogger logger, string peer);

    [LoggerMessage(3108, LogLevel.Warning, "peer {Peer} has the device's own public key and is ignored")]
    public static partial void OwnKeyPeer(ILogger logger, string peer);

    [LoggerMessage(3109, LogLevel.Error, "wireguard device {Name}: {Loop} loop failed; the device keeps running without it")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string name, string loop);

    [LoggerMessage(3110, LogLevel.Debug, "peer {Peer}: endpoint is now {Endpoint}")]
    public static partial void Roamed(ILogger logger, string peer, string endpoint);

    [LoggerMessage(3111, LogLevel.Debug, "cookie reply sent to {Endpoint} (device under load)")]
    public static partial void CookieSent(ILogger logger, string endpoint);

    [LoggerMessage(3112, LogLevel.Information, "wireguard device {Name}: listen port changed to {Port}")]
    public static partial void PortChanged(ILogger logger, string name, ushort port);

    [LoggerMessage(3113, LogLevel.Warning, "UDP receive failed: {Message}; retrying")]
    public static partial void ReceiveError(ILogger logger, string message);

    [LoggerMessage(3114, LogLevel.Warning, "writing {Count} packets to the TUN failed: {Message}; they are dropped")]
    public static partial void TunWriteError(ILogger logger, int count, string message);

    [LoggerMessage(3115, LogLevel.Warning, "peer {Peer}: {Count} packets larger than the path allows ({Limit} bytes inside the tunnel) dropped since the last report; the senders got ICMP fragmentation-needed/packet-too-big (at most 20/s)")]
    public static partial void TooBig(ILogger logger, string peer, long count, int limit);

    [LoggerMessage(3116, LogLevel.Information, "peer {Peer}: path MTU toward {Endpoint} is {Mtu} (0 = unknown)")]
    public static partial void PathMtu(ILogger logger, string peer, string endpoint, int mtu);
}

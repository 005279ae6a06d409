using System.Net;

namespace WireGuard.Device;

/// <summary>
/// One configuration change, with the semantics of a UAPI `set=1` request (and of WG_CMD_SET_DEVICE):
/// unset (null) fields are left as they are.
/// </summary>
public sealed class DeviceConfigChange
{
    /// <summary>New private key; an all-zero key removes it.</summary>
    public Key? PrivateKey { get; set; }

    /// <summary>New listen port (0 = pick a free one).</summary>
    public ushort? ListenPort { get; set; }

    /// <summary>New fwmark (0 = none).</summary>
    public uint? Fwmark { get; set; }

    /// <summary>Remove every peer not named in <see cref="Peers"/> before applying them.</summary>
    public bool ReplacePeers { get; set; }

    /// <summary>Peer changes in request order.</summary>
    public List<PeerConfigChange> Peers { get; } = [];
}

/// <summary>A change to one peer (UAPI keys after `public_key=`).</summary>
public sealed class PeerConfigChange
{
    /// <summary>Creates a change for the peer with this public key.</summary>
    public PeerConfigChange(Key publicKey) => PublicKey = publicKey;

    /// <summary>The peer's public key (its identity).</summary>
    public Key PublicKey { get; }

    /// <summary>Remove the peer.</summary>
    public bool Remove { get; set; }

    /// <summary>Only change an existing peer; do not create it.</summary>
    public bool UpdateOnly { get; set; }

    /// <summary>New pre-shared key; all-zero removes it.</summary>
    public Key? PresharedKey { get; set; }

    /// <summary>New endpoint.</summary>
    public Conn.UdpEndpoint? Endpoint { get; set; }

    /// <summary>New persistent keepalive interval in seconds (0 = off).</summary>
    public ushort? PersistentKeepalive { get; set; }

    /// <summary>Replace the allowed IPs with <see cref="AllowedIps"/> instead of adding to them.</summary>
    public bool ReplaceAllowedIps { get; set; }

    /// <summary>Allowed IPs to add (after the replacement, when asked).</summary>
    public List<IPNetwork> AllowedIps { get; } = [];
}

/// <summary>What a UAPI `get=1` returns: the device and its peers with runtime counters.</summary>
public sealed record DeviceStatus(
    Key? PrivateKey,
    Key? PublicKey,
    ushort ListenPort,
    uint Fwmark,
    IReadOnlyList<PeerStatus> Peers);

/// <summary>One peer's configuration and runtime state.</summary>
public sealed record PeerStatus(
    Key PublicKey,
    Key? PresharedKey,
    Conn.UdpEndpoint? Endpoint,
    ushort PersistentKeepalive,
    IReadOnlyList<IPNetwork> AllowedIps,
    DateTimeOffset? LastHandshake,
    long RxBytes,
    long TxBytes,
    int ProtocolVersion = 1);

/// <summary>A WireGuard device that can be configured and inspected (the userspace engine; UAPI serves it).</summary>
public interface IWireGuardDevice
{
    /// <summary>Applies a change atomically: on error nothing is changed and a <see cref="WireGuardConfigException"/> is thrown.</summary>
    void Apply(DeviceConfigChange change);

    /// <summary>A consistent snapshot of configuration and counters.</summary>
    DeviceStatus GetStatus();
}

/// <summary>A configuration request the device refuses; <see cref="Errno"/> is the positive errno UAPI reports negated.</summary>
public sealed class WireGuardConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WireGuardConfigException(int errno, string message)
        : base(message) => Errno = errno;

    /// <summary>Creates the exception with the errno and the underlying cause.</summary>
    public WireGuardConfigException(int errno, string message, Exception innerException)
        : base(message, innerException) => Errno = errno;

    /// <summary>Creates the exception.</summary>
    public WireGuardConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WireGuardConfigException(string message)
        : base(message) => Errno = 22;

    /// <summary>Creates the exception.</summary>
    public WireGuardConfigException(string message, Exception innerException)
        : base(message, innerException) => Errno = 22;

    /// <summary>EINVAL (22), EADDRINUSE (98), EIO (5), EPROTO (71) ...</summary>
    public int Errno { get; }
}

using System.Net;
using System.Text;

namespace Netlink.WireGuard;

/// <summary>
/// A WG_CMD_SET_DEVICE request: only the set properties are sent. Secrets are redacted from ToString.
/// </summary>
public sealed record WgDeviceConfig(string Name)
{
    /// <summary>New private key.</summary>
    public WgKey? PrivateKey { get; init; }

    /// <summary>New UDP listen port (0 = random).</summary>
    public ushort? ListenPort { get; init; }

    /// <summary>New firewall mark (0 = none).</summary>
    public uint? FirewallMark { get; init; }

    /// <summary>Remove every peer not listed (WGDEVICE_F_REPLACE_PEERS).</summary>
    public bool ReplacePeers { get; init; }

    /// <summary>Peers to add, change or remove.</summary>
    public ValueList<WgPeerConfig> Peers { get; init; } = ValueList<WgPeerConfig>.Empty;

    private bool PrintMembers(StringBuilder b)
    {
        b.Append($"Name = {Name}, PrivateKey = {(PrivateKey is null ? "(unchanged)" : "(hidden)")}, ListenPort = {ListenPort}, ");
        b.Append($"FirewallMark = {FirewallMark}, ReplacePeers = {ReplacePeers}, Peers = {Peers}");
        return true;
    }
}

/// <summary>One peer in a set request.</summary>
public sealed record WgPeerConfig(WgKey PublicKey)
{
    /// <summary>New preshared key (all zero removes it).</summary>
    public WgKey? PresharedKey { get; init; }

    /// <summary>New endpoint.</summary>
    public IPEndPoint? Endpoint { get; init; }

    /// <summary>Persistent keepalive in seconds (0 disables).</summary>
    public ushort? PersistentKeepalive { get; init; }

    /// <summary>Remove this peer (WGPEER_F_REMOVE_ME).</summary>
    public bool Remove { get; init; }

    /// <summary>Only update an existing peer, never create (WGPEER_F_UPDATE_ONLY).</summary>
    public bool UpdateOnly { get; init; }

    /// <summary>Replace the allowed IPs instead of adding (WGPEER_F_REPLACE_ALLOWEDIPS).</summary>
    public bool ReplaceAllowedIps { get; init; }

    /// <summary>Allowed IPs to add.</summary>
    public ValueList<IPNetwork> AllowedIps { get; init; } = ValueList<IPNetwork>.Empty;

    private bool PrintMembers(StringBuilder b)
    {
        b.Append($"PublicKey = {PublicKey}, PresharedKey = {(PresharedKey is null ? "(unchanged)" : "(hidden)")}, Endpoint = {Endpoint}, ");
        b.Append($"PersistentKeepalive = {PersistentKeepalive}, Remove = {Remove}, UpdateOnly = {UpdateOnly}, ");
        b.Append($"ReplaceAllowedIps = {ReplaceAllowedIps}, AllowedIps = {AllowedIps}");
        return true;
    }
}

/// <summary>A device as WG_CMD_GET_DEVICE reports it (peers merged across messages). Secrets are redacted from ToString.</summary>
public sealed record WgDevice(int Index, string Name)
{
    /// <summary>Private key, if set.</summary>
    public WgKey? PrivateKey { get; init; }

    /// <summary>Public key, if a private key is set.</summary>
    public WgKey? PublicKey { get; init; }

    /// <summary>UDP listen port.</summary>
    public ushort ListenPort { get; init; }

    /// <summary>Firewall mark.</summary>
    public uint FirewallMark { get; init; }

    /// <summary>Peers.</summary>
    public ValueList<WgPeer> Peers { get; init; } = ValueList<WgPeer>.Empty;

    private bool PrintMembers(StringBuilder b)
    {
        b.Append($"Index = {Index}, Name = {Name}, PrivateKey = {(PrivateKey is null ? "(none)" : "(hidden)")}, PublicKey = {PublicKey}, ");
        b.Append($"ListenPort = {ListenPort}, FirewallMark = {FirewallMark}, Peers = {Peers}");
        return true;
    }
}

/// <summary>A peer as the kernel reports it.</summary>
public sealed record WgPeer(WgKey PublicKey)
{
    /// <summary>Preshared key (all zero when none).</summary>
    public WgKey? PresharedKey { get; init; }

    /// <summary>Current endpoint.</summary>
    public IPEndPoint? Endpoint { get; init; }

    /// <summary>Persistent keepalive seconds.</summary>
    public ushort PersistentKeepalive { get; init; }

    /// <summary>Time of the last handshake, or null if none.</summary>
    public DateTimeOffset? LastHandshake { get; init; }

    /// <summary>Bytes received.</summary>
    public ulong ReceivedBytes { get; init; }

    /// <summary>Bytes sent.</summary>
    public ulong TransmittedBytes { get; init; }

    /// <summary>Protocol version.</summary>
    public uint ProtocolVersion { get; init; }

    /// <summary>Allowed IPs.</summary>
    public ValueList<IPNetwork> AllowedIps { get; init; } = ValueList<IPNetwork>.Empty;

    private bool PrintMembers(StringBuilder b)
    {
        b.Append($"PublicKey = {PublicKey}, PresharedKey = {(PresharedKey is { IsZero: false } ? "(hidden)" : "(none)")}, Endpoint = {Endpoint}, ");
        b.Append($"PersistentKeepalive = {PersistentKeepalive}, LastHandshake = {LastHandshake}, ReceivedBytes = {ReceivedBytes}, ");
        b.Append($"TransmittedBytes = {TransmittedBytes}, AllowedIps = {AllowedIps}");
        return true;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;
using NSec.Cryptography;
using WireGuard.Conn;
using WireGuard.Device;

namespace WireGuard.Uapi;

/// <summary>
/// Client for the cross-platform WireGuard UAPI (the protocol `wg(8)` speaks to wireguard-go and to our
/// userspace engine over <c>/var/run/wireguard/&lt;ifname&gt;.sock</c>). One connection per request.
/// Transport problems throw <see cref="IOException"/>; a request the device refuses throws
/// <see cref="WireGuardConfigException"/> carrying the (positive) errno.
/// </summary>
public sealed class UapiClient
{
    private const int MaxReplyBytes = 16 * 1024 * 1024;

    /// <summary>Creates a client for the socket at <paramref name="socketPath"/>.</summary>
    public UapiClient(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        SocketPath = socketPath;
    }

    /// <summary>The UAPI socket path.</summary>
    public string SocketPath { get; }

    /// <summary>How long one request may take before it fails with <see cref="IOException"/> (default 10 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default socket directory used by wireguard-go and wg(8).</summary>
    public const string DefaultSocketDirectory = "/var/run/wireguard";

    /// <summary>The conventional socket path of interface <paramref name="interfaceName"/>.</summary>
    public static string SocketPathFor(string interfaceName) =>
        Path.Combine(DefaultSocketDirectory, interfaceName + ".sock");

    /// <summary>Reads the device configuration and runtime counters (`get=1`).</summary>
    public async Task<DeviceStatus> GetAsync(CancellationToken cancellationToken = default)
    {
        var lines = await ExchangeAsync("get=1\n\n", cancellationToken);
        return ParseGet(lines, SocketPath);
    }

    /// <summary>Applies <paramref name="change"/> (`set=1`); unset fields are left untouched by the device.</summary>
    public async Task SetAsync(DeviceConfigChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await ExchangeAsync(Serialize(change), cancellationToken);
    }

    /// <summary>Renders a change as a UAPI `set=1` request (the wire text, including the final blank line).</summary>
    public static string Serialize(DeviceConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var sb = new StringBuilder("set=1\n");
        if (change.PrivateKey is { } pk)
        {
            Line(sb, "private_key", pk.ToHex());
        }

        if (change.ListenPort is { } port)
        {
            Line(sb, "listen_port", port.ToString(CultureInfo.InvariantCulture));
        }

        if (change.Fwmark is { } mark)
        {
            Line(sb, "fwmark", mark.ToString(CultureInfo.InvariantCulture));
        }

        if (change.ReplacePeers)
        {
            Line(sb, "replace_peers", "true");
        }

        foreach (var p in change.Peers)
        {
            Line(sb, "public_key", p.PublicKey.ToHex());
            if (p.Remove)
            {
                Line(sb, "remove", "true");
                continue;
            }

            if (p.UpdateOnly)
            {
                Line(sb, "update_only", "true");
            }

            if (p.PresharedKey is { } psk)
            {
                Line(sb, "preshared_key", psk.ToHex());
            }

            if (p.Endpoint is { } ep)
            {
                Line(sb, "endpoint", ep.ToString());
            }

            if (p.PersistentKeepalive is { } ka)
            {
                Line(sb, "persistent_keepalive_interval", ka.ToString(CultureInfo.InvariantCulture));
            }

            if (p.ReplaceAllowedIps)
            {
                Line(sb, "replace_allowed_ips", "true");
            }

            foreach (var net in p.AllowedIps)
            {
                Line(sb, "allowed_ip", net.ToString());
            }
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>Parses the key=value lines of a `get=1` reply (without the errno line).</summary>
    public static DeviceStatus ParseGet(IEnumerable<string> lines, string source = "UAPI reply")
    {
        ArgumentNullException.ThrowIfNull(lines);
        Key? privateKey = null;
        ushort listenPort = 0;
        uint fwmark = 0;
        var peers = new List<PeerStatus>();
        PeerBuilder? peer = null;
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Protocol(source, $"line '{line}' is not key=value");
            }

            var key = line[..eq];
            var value = line[(eq + 1)..];
            if (key == "public_key")
            {
                if (peer is not null)
                {
                    peers.Add(peer.Build());
                }

                peer = new PeerBuilder(ParseKey(source, key, value));
                continue;
            }

            if (peer is null)
            {
                switch (key)
                {
                    case "private_key": privateKey = ParseKey(source, key, value); break;
                    case "listen_port": listenPort = ParseNumber<ushort>(source, key, value); break;
                    case "fwmark": fwmark = ParseNumber<uint>(source, key, value); break;
                    default: break; // unknown device keys from newer implementations are ignored
                }

                continue;
            }

            peer.Accept(source, key, value);
        }

        if (peer is not null)
        {
            peers.Add(peer.Build());
        }

        var publicKey = privateKey is { IsZero: false } priv ? DerivePublic(priv) : (Key?)null;
        return new DeviceStatus(privateKey, publicKey, listenPort, fwmark, peers);
    }

    private async Task<List<string>> ExchangeAsync(string request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await ExchangeCoreAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException(
                $"the WireGuard UAPI socket {SocketPath} did not answer within {Timeout.TotalSeconds:0.#} s; the daemon behind it may be stuck");
        }
    }

    private async Task<List<string>> ExchangeCoreAsync(string request, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
        }
        catch (SocketException e)
        {
            throw new IOException(
                $"cannot connect to the WireGuard UAPI socket {SocketPath} ({e.SocketErrorCode}): " +
                "is the interface up and its userspace daemon (meshd engine or wireguard-go) running?", e);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var lines = new List<string>();
        var total = 0;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken)
                ?? throw new IOException($"the WireGuard UAPI socket {SocketPath} closed before sending errno=; the daemon may have crashed");
            total += line.Length + 1;
            if (total > MaxReplyBytes)
            {
                throw new IOException($"the WireGuard UAPI reply from {SocketPath} exceeds {MaxReplyBytes} bytes");
            }

            if (line.StartsWith("errno=", StringComparison.Ordinal))
            {
                var errno = ParseErrno(line["errno=".Length..]);
                if (errno != 0)
                {
                    throw new WireGuardConfigException(
                        errno,
                        $"the WireGuard device at {SocketPath} refused the request with errno {errno} ({Describe(errno)}); " +
                        "check the keys, endpoint and allowed IPs being set");
                }

                return lines;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }
    }

    private static int ParseErrno(string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            throw new IOException($"unparsable UAPI errno line 'errno={text}'");
        }

        return Math.Abs(n);
    }

    private static string Describe(int errno) => errno switch
    {
        5 => "EIO: the device failed to apply it",
        22 => "EINVAL: a key or value was rejected",
        71 => "EPROTO: the request could not be parsed",
        98 => "EADDRINUSE: the listen port is taken",
        _ => "see errno(3)",
    };

    private static void Line(StringBuilder sb, string key, string value) =>
        sb.Append(key).Append('=').Append(value).Append('\n');

    private static Key ParseKey(string source, string key, string value) =>
        Key.TryParseHex(value, out var k) ? k : throw Protocol(source, $"{key} is not 64 hex digits");

    private static T ParseNumber<T>(string source, string key, string value)
        where T : IBinaryInteger<T> =>
        T.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Protocol(source, $"{key}={value} is not a valid number");

    private static IOException Protocol(string source, string what) =>
        new($"malformed WireGuard UAPI reply from {source}: {what}");

    private static Key DerivePublic(Key privateKey)
    {
        using var k = NSec.Cryptography.Key.Import(
            KeyAgreementAlgorithm.X25519, privateKey.Bytes, KeyBlobFormat.RawPrivateKey);
        return new Key(k.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    private sealed class PeerBuilder(Key publicKey)
    {
        private readonly List<IPNetwork> _allowed = [];
        private Key? _psk;
        private UdpEndpoint? _endpoint;
        private ushort _keepalive;
        private long _hsSec;
        private long _hsNsec;
        private long _rx;
        private long _tx;
        private int _version = 1;

        public void Accept(string source, string key, string value)
        {
            switch (key)
            {
                case "preshared_key":
                    var psk = ParseKey(source, key, value);
                    _psk = psk.IsZero ? null : psk;
                    break;
                case "endpoint":
                    _endpoint = UdpEndpoint.TryParse(value, out var ep) ? ep : throw Protocol(source, $"endpoint={value} is not addr:port");
                    break;
                case "persistent_keepalive_interval": _keepalive = ParseNumber<ushort>(source, key, value); break;
                case "allowed_ip":
                    _allowed.Add(IPNetwork.TryParse(value, out var net) ? net : throw Protocol(source, $"allowed_ip={value} is not a prefix"));
                    break;
                case "last_handshake_time_sec": _hsSec = ParseNumber<long>(source, key, value); break;
                case "last_handshake_time_nsec": _hsNsec = ParseNumber<long>(source, key, value); break;
                case "rx_bytes": _rx = ParseNumber<long>(source, key, value); break;
                case "tx_bytes": _tx = ParseNumber<long>(source, key, value); break;
                case "protocol_version": _version = ParseNumber<int>(source, key, value); break;
                default: break; // forward compatible: ignore unknown peer keys
            }
        }

        public PeerStatus Build()
        {
            DateTimeOffset? hs = _hsSec == 0 && _hsNsec == 0
                ? null
                : DateTimeOffset.UnixEpoch.AddSeconds(_hsSec).AddTicks(_hsNsec / 100);
            return new PeerStatus(publicKey, _psk, _endpoint, _keepalive, _allowed.ToArray(), hs, _rx, _tx, _version);
        }
    }
}

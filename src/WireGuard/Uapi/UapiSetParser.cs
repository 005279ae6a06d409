using System.Globalization;
using System.Net;
using WireGuard.Conn;
using WireGuard.Device;

namespace WireGuard.Uapi;

/// <summary>
/// Parses the body of a UAPI `set=1` request (the key=value lines after the operation line, without the
/// terminating blank line) into one <see cref="DeviceConfigChange"/>, with wireguard-go's key semantics.
/// Nothing is applied here, so a bad request changes nothing.
/// </summary>
public static class UapiSetParser
{
    /// <summary>Parses every line; returns null and sets <paramref name="error"/> on the first bad line.</summary>
    public static DeviceConfigChange? Parse(IEnumerable<string> lines, out UapiError? error)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var change = new DeviceConfigChange();
        PeerConfigChange? peer = null;
        var lineNo = 1;
        error = null;
        foreach (var line in lines)
        {
            lineNo++;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                error = new UapiError(UapiErrno.Protocol, $"line {lineNo}: expected key=value, got \"{Trim(line)}\"");
                return null;
            }

            var key = line[..eq];
            var value = line[(eq + 1)..];
            string? problem;
            if (key == "public_key")
            {
                if (!Key.TryParseHex(value, out var pk))
                {
                    problem = "public_key must be 64 hex digits";
                }
                else
                {
                    peer = new PeerConfigChange(pk);
                    change.Peers.Add(peer);
                    problem = null;
                }
            }
            else
            {
                problem = peer is null ? DeviceLine(change, key, value) : PeerLine(peer, key, value);
            }

            if (problem is not null)
            {
                error = new UapiError(UapiErrno.Invalid, $"line {lineNo} ({Trim(key)}): {problem}");
                return null;
            }
        }

        return change;
    }

    private static string? DeviceLine(DeviceConfigChange c, string key, string value)
    {
        switch (key)
        {
            case "private_key":
                if (!Key.TryParseHex(value, out var k))
                {
                    return "private_key must be 64 hex digits (all zero removes it)";
                }

                c.PrivateKey = k;
                return null;
            case "listen_port":
                if (!ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    return $"listen_port must be 0-65535, got \"{Trim(value)}\"";
                }

                c.ListenPort = port;
                return null;
            case "fwmark":
                if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mark))
                {
                    return $"fwmark must be a 32-bit unsigned number, got \"{Trim(value)}\"";
                }

                c.Fwmark = mark;
                return null;
            case "replace_peers":
                if (value != "true")
                {
                    return "the only value of replace_peers is true";
                }

                c.ReplacePeers = true;
                return null;
            default:
                return "unknown device key (expected private_key, listen_port, fwmark, replace_peers or public_key)";
        }
    }

    private static string? PeerLine(PeerConfigChange p, string key, string value)
    {
        switch (key)
        {
            case "update_only":
                p.UpdateOnly = value == "true";
                return value == "true" ? null : "the only value of update_only is true";
            case "remove":
                p.Remove = value == "true";
                return value == "true" ? null : "the only value of remove is true";
            case "replace_allowed_ips":
                p.ReplaceAllowedIps = value == "true";
                return value == "true" ? null : "the only value of replace_allowed_ips is true";
            case "protocol_version":
                return value == "1" ? null : $"protocol_version {Trim(value)} is not supported (only 1)";
            case "preshared_key":
                if (!Key.TryParseHex(value, out var psk))
                {
                    return "preshared_key must be 64 hex digits (all zero removes it)";
                }

                p.PresharedKey = psk;
                return null;
            case "endpoint":
                if (!UdpEndpoint.TryParse(value, out var ep))
                {
                    return $"endpoint must be a literal address and port (a.b.c.d:port or [v6]:port), got \"{Trim(value)}\"";
                }

                p.Endpoint = ep;
                return null;
            case "persistent_keepalive_interval":
                if (!ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ka))
                {
                    return $"persistent_keepalive_interval must be 0-65535 seconds, got \"{Trim(value)}\"";
                }

                p.PersistentKeepalive = ka;
                return null;
            case "allowed_ip":
                if (!AllowedIp.TryParse(value, out var net))
                {
                    return $"allowed_ip must be address/prefix-length, got \"{Trim(value)}\"";
                }

                p.AllowedIps.Add(net);
                return null;
            default:
                return "unknown peer key";
        }
    }

    private static string Trim(string s) => s.Length <= 80 ? s : s[..80] + "...";
}

/// <summary>Parses an allowed-IP prefix the way wg(8) and wireguard-go accept it: host bits may be set and are masked off.</summary>
public static class AllowedIp
{
    /// <summary>Parses `address/length` (the length is required); the result has its host bits cleared.</summary>
    public static bool TryParse(string? text, out IPNetwork network)
    {
        network = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var addr) ||
            !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var len) ||
            text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> b = stackalloc byte[16];
        addr.TryWriteBytes(b, out var n);
        if (len > n * 8)
        {
            return false;
        }

        for (var bit = len; bit < n * 8; bit++)
        {
            b[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        network = new IPNetwork(new IPAddress(b[..n]), len);
        return true;
    }
}

using System.Globalization;
using System.Text;
using WireGuard.Device;

namespace WireGuard.Uapi;

/// <summary>Renders a <see cref="DeviceStatus"/> as the body of a UAPI `get=1` reply (wireguard-go's key order).</summary>
public static class UapiGetWriter
{
    /// <summary>The key=value lines, each ending in \n, without the trailing errno line.</summary>
    public static string Write(DeviceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var sb = new StringBuilder(256 + 256 * status.Peers.Count);
        if (status.PrivateKey is { IsZero: false } sk)
        {
            Line(sb, "private_key", sk.ToHex());
        }

        if (status.ListenPort != 0)
        {
            Line(sb, "listen_port", status.ListenPort.ToString(CultureInfo.InvariantCulture));
        }

        if (status.Fwmark != 0)
        {
            Line(sb, "fwmark", status.Fwmark.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var p in status.Peers)
        {
            Line(sb, "public_key", p.PublicKey.ToHex());
            Line(sb, "preshared_key", (p.PresharedKey ?? default).ToHex());
            Line(sb, "protocol_version", p.ProtocolVersion.ToString(CultureInfo.InvariantCulture));
            if (p.Endpoint is { } ep)
            {
                Line(sb, "endpoint", ep.ToString());
            }

            long sec = 0, nsec = 0;
            if (p.LastHandshake is { } hs)
            {
                var ticks = hs.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
                sec = ticks / TimeSpan.TicksPerSecond;
                nsec = ticks % TimeSpan.TicksPerSecond * 100;
            }

            Line(sb, "last_handshake_time_sec", sec.ToString(CultureInfo.InvariantCulture));
            Line(sb, "last_handshake_time_nsec", nsec.ToString(CultureInfo.InvariantCulture));
            Line(sb, "tx_bytes", p.TxBytes.ToString(CultureInfo.InvariantCulture));
            Line(sb, "rx_bytes", p.RxBytes.ToString(CultureInfo.InvariantCulture));
            Line(sb, "persistent_keepalive_interval", p.PersistentKeepalive.ToString(CultureInfo.InvariantCulture));
            foreach (var ip in p.AllowedIps)
            {
                Line(sb, "allowed_ip", ip.ToString());
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string key, string value) => sb.Append(key).Append('=').Append(value).Append('\n');
}

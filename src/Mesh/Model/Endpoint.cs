using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mesh.Model;

/// <summary>A WireGuard endpoint: a host (DNS name or IP literal, unresolved) and a UDP port.</summary>
/// <param name="Host">DNS name or IP literal (IPv6 without brackets).</param>
/// <param name="Port">UDP port 1..65535.</param>
public sealed record Endpoint(string Host, int Port)
{
    /// <summary>The literal address when the host is an IP literal, otherwise null.</summary>
    public IPAddress? Literal => IPAddress.TryParse(Host, out var ip) ? ip : null;

    /// <summary>Parses <c>host:port</c>, <c>1.2.3.4:port</c> or <c>[v6]:port</c>; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Endpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty; write host:port, e.g. wro.example.net:51820";
            return false;
        }

        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' is not [ipv6]:port";
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{host}' in brackets is not an IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                error = $"'{text}' has no port; write host:port, e.g. {text}:51820";
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                error = $"'{text}': write an IPv6 endpoint as [address]:port";
                return false;
            }

            if (!IPAddress.TryParse(host, out _) && !Names.IsValidHostName(host))
            {
                error = $"'{host}' is neither an IP address nor a valid DNS name";
                return false;
            }

            if (IPAddress.TryParse(host, out var v4) && v4.ToString() != host)
            {
                error = $"'{host}' is not a canonical IPv4 address (did you mean {v4}?)";
                return false;
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"port '{portText}' is not a number in 1..65535";
            return false;
        }

        endpoint = new Endpoint(host, port);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

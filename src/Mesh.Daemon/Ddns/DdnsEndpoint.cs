using System.Globalization;
using WireGuard;

namespace Mesh.Daemon.Ddns;

/// <summary>
/// One WireGuard peer whose endpoint is known only by a DNS name (a DDNS record): the peer's public key,
/// the host name and the UDP port to pair with whatever address the name resolves to.
/// </summary>
public sealed record DdnsEndpoint
{
    private DdnsEndpoint(Key peer, string hostName, ushort port, string? label)
    {
        Peer = peer;
        HostName = hostName;
        Port = port;
        Label = label ?? hostName;
    }

    /// <summary>The peer's public key.</summary>
    public Key Peer { get; }

    /// <summary>The DNS name, lower case, without a trailing dot.</summary>
    public string HostName { get; }

    /// <summary>The peer's WireGuard listen port.</summary>
    public ushort Port { get; }

    /// <summary>A human name for logs and `meshctl peers` (e.g. the node name); defaults to the host name.</summary>
    public string Label { get; }

    /// <summary>Validates and creates an endpoint; the error says what is wrong with the name or port.</summary>
    public static bool TryCreate(Key peer, string? hostName, int port, out DdnsEndpoint? endpoint, out string? error, string? label = null)
    {
        endpoint = null;
        if (!TryNormalizeHostName(hostName, out var name, out error))
        {
            return false;
        }

        if (port is < 1 or > ushort.MaxValue)
        {
            error = $"port {port.ToString(CultureInfo.InvariantCulture)} is out of range: use 1-65535 (WireGuard's default is 51820)";
            return false;
        }

        endpoint = new DdnsEndpoint(peer, name, (ushort)port, label);
        return true;
    }

    /// <summary>Creates an endpoint or throws <see cref="ArgumentException"/> with the validation error.</summary>
    public static DdnsEndpoint Create(Key peer, string hostName, int port, string? label = null) =>
        TryCreate(peer, hostName, port, out var ep, out var error, label) ? ep! : throw new ArgumentException(error, nameof(hostName));

    /// <summary>Checks RFC 1123 host name syntax (labels of letters, digits and hyphens, at most 253 characters).</summary>
    public static bool TryNormalizeHostName(string? text, out string name, out string? error)
    {
        name = string.Empty;
        var t = text?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(t))
        {
            error = "the endpoint host name is empty: give a DNS name such as wro.example.net";
            return false;
        }

        if (t.Length > 253)
        {
            error = $"the endpoint host name '{t}' is longer than 253 characters";
            return false;
        }

        foreach (var label in t.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' ||
                !label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                error = $"'{text}' is not a valid DNS host name (label '{label}'): use letters, digits and hyphens, 1-63 characters per label";
                return false;
            }
        }

        name = t;
        error = null;
        return true;
    }
}

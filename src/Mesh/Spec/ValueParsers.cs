using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mesh.Model;

namespace Mesh.Spec;

/// <summary>Parsers for spec values, each explaining what is wrong and how to write it.</summary>
internal static class ValueParsers
{
    public static bool Cidr(string text, out IPNetwork value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            error = $"'{text}' is not a CIDR network; write address/prefix, e.g. 10.1.0.0/16";
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > max)
        {
            error = $"prefix /{prefix} is longer than /{max}";
            return false;
        }

        var network = Mask(address, prefix);
        if (!network.Equals(address))
        {
            error = $"'{text}' has host bits set; did you mean {network}/{prefix}?";
            return false;
        }

        value = new IPNetwork(network, prefix);
        error = null;
        return true;
    }

    public static bool Ipv4(string text, [MaybeNullWhen(false)] out IPAddress value, [NotNullWhen(false)] out string? error)
    {
        if (IPAddress.TryParse(text, out value) && value.AddressFamily == AddressFamily.InterNetwork && value.ToString() == text)
        {
            error = null;
            return true;
        }

        value = null;
        error = text.Contains('/', StringComparison.Ordinal)
            ? $"'{text}' has a prefix; write the plain address (the prefix comes from the site range or subnet), e.g. {text[..text.IndexOf('/', StringComparison.Ordinal)]}"
            : $"'{text}' is not an IPv4 address (e.g. 10.1.0.1)";
        return false;
    }

    public static bool Key(string text, out WireGuardKey value, [NotNullWhen(false)] out string? error)
    {
        if (WireGuardKey.TryParse(text, out value))
        {
            // the all-zero key is a low-order point: WireGuard can never complete a handshake with it
            error = value.Base64 == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" ? "the all-zero key is not a usable public key; run 'meshctl keygen --out' on the node and paste the printed public key" : null;
            return error is null;
        }

        error = $"'{Shorten(text)}' is not a WireGuard public key (44 characters of base64 for 32 bytes); get it with 'meshctl pubkey' on the node";
        return false;
    }

    public static bool Endpoint(string text, [MaybeNullWhen(false)] out Endpoint value, [NotNullWhen(false)] out string? error) =>
        Model.Endpoint.TryParse(text, out value, out error);

    public static bool Zone(string text, out SdnId value, [NotNullWhen(false)] out string? error) => SdnIdOf(text, "zone", out value, out error);

    public static bool VnetId(string text, out SdnId value, [NotNullWhen(false)] out string? error) => SdnIdOf(text, "vnet", out value, out error);

    public static bool Interface(string text, out InterfaceName value, [NotNullWhen(false)] out string? error)
    {
        error = InterfaceName.TryParse(text, out value) ? null : $"'{text}' is not a valid interface name (1-15 characters, no '/', ':' or spaces)";
        return error is null;
    }

    public static bool HttpsUrl(string text, [MaybeNullWhen(false)] out Uri value, [NotNullWhen(false)] out string? error)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out value) && value.Scheme == Uri.UriSchemeHttps && value.UserInfo.Length == 0)
        {
            error = null;
            return true;
        }

        value = null;
        error = $"'{text}' is not an https URL without credentials, e.g. https://pve1.example.net:8006";
        return false;
    }

    public static bool Fingerprint(string text, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? error)
    {
        var parts = text.Split(':');
        if (parts.Length == 32 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit)))
        {
            value = text.ToUpperInvariant();
            error = null;
            return true;
        }

        value = null;
        error = "is not a SHA-256 certificate fingerprint (32 hex bytes separated by ':'); read it with 'pvenode cert info' on the node";
        return false;
    }

    public static bool AbsolutePath(string text, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? error)
    {
        if (text.StartsWith('/') && !text.Contains('\0', StringComparison.Ordinal))
        {
            value = text;
            error = null;
            return true;
        }

        value = null;
        error = $"'{text}' is not an absolute path (e.g. /etc/meshd/roz.token)";
        return false;
    }

    /// <summary>Zeroes the host bits of an address.</summary>
    public static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xff << (8 - bits));
        }

        return new IPAddress(bytes);
    }

    private static bool SdnIdOf(string text, string what, out SdnId value, [NotNullWhen(false)] out string? error)
    {
        error = SdnId.TryParse(text, out value)
            ? null
            : $"'{text}' is not a valid Proxmox {what} id: 2-8 characters, a letter first, then letters or digits (no '-' or '_')";
        return error is null;
    }

    private static string Shorten(string text) => text.Length > 12 ? text[..8] + "..." : text;
}

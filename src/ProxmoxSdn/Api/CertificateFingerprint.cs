using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProxmoxSdn.Api;

/// <summary>
/// SHA-256 fingerprint of a server certificate, written as Proxmox shows it
/// (<c>pvenode cert info</c>): 32 colon-separated hex bytes.
/// </summary>
public readonly record struct CertificateFingerprint
{
    private readonly string _hex;

    private CertificateFingerprint(string hex) => _hex = hex;

    /// <summary>Parses <c>AB:CD:...</c> (32 bytes, case-insensitive; colons optional).</summary>
    public static bool TryParse(string? text, out CertificateFingerprint fingerprint)
    {
        fingerprint = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hex = text.Trim().Replace(":", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            return false;
        }

        fingerprint = new CertificateFingerprint(hex.ToUpperInvariant());
        return true;
    }

    /// <summary>Parses or throws a message that says what shape is expected.</summary>
    public static CertificateFingerprint Parse(string text) =>
        TryParse(text, out var fp)
            ? fp
            : throw new FormatException(
                $"'{text}' is not a SHA-256 certificate fingerprint; expected 32 colon-separated hex bytes as shown by 'pvenode cert info' (AB:CD:...).");

    /// <summary>The fingerprint of a certificate.</summary>
    public static CertificateFingerprint Of(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateFingerprint(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())));
    }

    /// <summary>Whether the certificate has this fingerprint.</summary>
    public bool Matches(X509Certificate certificate) => Of(certificate) == this;

    /// <summary>Colon-separated upper-case hex.</summary>
    public override string ToString()
    {
        var hex = _hex ?? string.Empty;
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
    }
}

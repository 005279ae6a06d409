using Mesh.Model;
using ProxmoxSdn;
using ProxmoxSdn.Api;

namespace Mesh.Cli.Rendering;

/// <summary>An API client for a site's Proxmox cluster from the spec's <c>proxmox:</c> block.</summary>
internal static class PveAccess
{
    /// <summary>Loads the token file (refused when group/other readable) and pins the fingerprint when given.</summary>
    /// <exception cref="ProxmoxSdnException">Token file missing, readable by others or malformed; bad fingerprint.</exception>
    public static ProxmoxApiClient Client(string site, ProxmoxAccess access)
    {
        CertificateFingerprint? pin = null;
        if (access.Fingerprint is not null)
        {
            if (!CertificateFingerprint.TryParse(access.Fingerprint, out var parsed))
            {
                throw new ProxmoxSdnException(SdnErrorKind.CertificateMismatch,
                    $"sites.{site}.proxmox.fingerprint: '{access.Fingerprint}' is not a SHA-256 fingerprint (AA:BB:... as `pvenode cert info` shows)");
            }

            pin = parsed;
        }

        return new ProxmoxApiClient(new ProxmoxClientOptions
        {
            BaseAddress = access.Url,
            Token = ApiToken.LoadFile(access.TokenFile),
            Fingerprint = pin,
        });
    }
}

using System.Net;

namespace ProxmoxSdn;

/// <summary>The Proxmox API answered a request with an error; carries Proxmox's own message.</summary>
public sealed class ProxmoxApiException : ProxmoxSdnException
{
    /// <summary>Creates the exception from the parts of a failed response.</summary>
    public ProxmoxApiException(
        HttpStatusCode statusCode, string method, string path, string reason, IReadOnlyDictionary<string, string> errors)
        : base(SdnErrorKind.Api, Describe(statusCode, method, path, reason, errors))
    {
        StatusCode = statusCode;
        Method = method;
        ApiPath = path;
        Reason = reason;
        Errors = errors;
    }

    /// <summary>HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>API path (below /api2/json) of the failed request.</summary>
    public string ApiPath { get; }

    /// <summary>Proxmox's message (the HTTP reason phrase or the body's message).</summary>
    public string Reason { get; }

    /// <summary>Per-parameter errors from the body's <c>errors</c> object.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    private static string Describe(
        HttpStatusCode code, string method, string path, string reason, IReadOnlyDictionary<string, string> errors)
    {
        var text = $"Proxmox API {method} {path} failed: HTTP {(int)code} {reason}";
        if (errors.Count > 0)
        {
            text += " (" + string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")) + ")";
        }

        return code switch
        {
            HttpStatusCode.Unauthorized =>
                text + ". Check the API token file (USER@REALM!TOKENID=SECRET) and that the token exists and has not expired.",
            HttpStatusCode.Forbidden =>
                text + ". Grant the token SDN.Allocate on /sdn and Sys.Modify on / (or disable privilege separation for it).",
            _ => text,
        };
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProxmoxSdn.Api;

/// <summary>
/// Client of one Proxmox VE API: token auth, certificate pinning, per-attempt timeouts and
/// retries with exponential backoff and jitter on connection errors, timeouts and 5xx (never on 4xx).
/// Bodies are form-encoded as PVE expects; the <c>data</c> envelope is unwrapped.
/// </summary>
public sealed class ProxmoxApiClient : IDisposable
{
    private readonly ProxmoxClientOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private string? _presentedFingerprint;

    /// <summary>Creates a client; nothing is sent until the first call.</summary>
    public ProxmoxApiClient(ProxmoxClientOptions options, ILogger<ProxmoxApiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate },
        };
        _http = new HttpClient(handler) { BaseAddress = options.ApiRoot, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>GET a path (with optional query parameters); returns the unwrapped <c>data</c>.</summary>
    public Task<JsonElement> GetAsync(string path, IReadOnlyList<KeyValuePair<string, string>>? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(ApiMethod.Get, path, query ?? [], cancellationToken);

    /// <summary>Sends a request; parameters go to the query for GET/DELETE and to a form body for POST/PUT.</summary>
    public async Task<JsonElement> SendAsync(
        ApiMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var verb = method.Verb();
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var request = BuildRequest(method, path, parameters);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    ClientLog.Response(_logger, verb, path, (int)response.StatusCode);
                    if (response.IsSuccessStatusCode)
                    {
                        return Unwrap(body);
                    }

                    var error = ToException(response, verb, path, body);
                    if ((int)response.StatusCode < 500 || attempt >= _options.MaxAttempts)
                    {
                        throw error;
                    }

                    reason = $"HTTP {(int)response.StatusCode} {error.Reason}";
                }
                catch (HttpRequestException ex) when (IsCertificateFailure(ex))
                {
                    throw CertificateError(ex);
                }
                catch (HttpRequestException ex)
                {
                    if (attempt >= _options.MaxAttempts)
                    {
                        throw new ProxmoxSdnException(SdnErrorKind.Unreachable,
                            $"Proxmox API {verb} {path} at {_options.BaseAddress} failed after {attempt} attempts: {ex.Message}. Check that the host is reachable on its API port.", ex);
                    }

                    reason = ex.Message;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= _options.MaxAttempts)
                    {
                        throw new ProxmoxSdnException(SdnErrorKind.Unreachable,
                            $"Proxmox API {verb} {path} at {_options.BaseAddress} timed out after {attempt} attempts of {_options.RequestTimeout.TotalSeconds:0.#} s.", ex);
                    }

                    reason = "timeout";
                }
            }

            var delay = RetryDelay(attempt);
            ClientLog.Retrying(_logger, verb, path, attempt, _options.MaxAttempts, reason, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>Reads <c>GET /version</c>.</summary>
    public async Task<PveVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var data = await GetAsync("/version", null, cancellationToken);
        var release = data.TryGetProperty("release", out var r) ? r.ToString() : null;
        var version = data.TryGetProperty("version", out var v) ? v.ToString() : null;
        return PveVersion.TryParse(release, version, out var parsed)
            ? parsed!
            : throw new ProxmoxSdnException(SdnErrorKind.Api,
                $"GET /version at {_options.BaseAddress} returned release '{release}' version '{version}', not a Proxmox VE version; is this a Proxmox VE API?");
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    internal TimeSpan RetryDelay(int attempt)
    {
        var exp = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exp, _options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private HttpRequestMessage BuildRequest(ApiMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var relative = path.TrimStart('/');
        HttpRequestMessage request;
        if (method is ApiMethod.Get or ApiMethod.Delete)
        {
            if (parameters.Count > 0)
            {
                relative += "?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            }

            request = new HttpRequestMessage(method == ApiMethod.Get ? HttpMethod.Get : HttpMethod.Delete, relative);
        }
        else
        {
            request = new HttpRequestMessage(method == ApiMethod.Post ? HttpMethod.Post : HttpMethod.Put, relative)
            {
                Content = new FormUrlEncodedContent(parameters),
            };
        }

        request.Headers.TryAddWithoutValidation("Authorization", _options.Token.AuthorizationValue);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static JsonElement Unwrap(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("data", out var data) ? data.Clone() : doc.RootElement.Clone();
    }

    private static ProxmoxApiException ToException(HttpResponseMessage response, string verb, string path, string body)
    {
        var reason = response.ReasonPhrase ?? string.Empty;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in e.EnumerateObject())
                    {
                        errors[p.Name] = p.Value.ToString().Trim();
                    }
                }

                if (doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(m.GetString()))
                {
                    reason = m.GetString()!.Trim();
                }
            }
        }
        catch (JsonException)
        {
            // PVE sometimes answers errors with an empty or non-JSON body; the reason phrase carries the message.
        }

        return new ProxmoxApiException(response.StatusCode, verb, path, reason.Trim(), errors);
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_options.Fingerprint is not { } pinned)
        {
            return errors == SslPolicyErrors.None;
        }

        if (certificate is null)
        {
            return false;
        }

        var presented = CertificateFingerprint.Of(certificate);
        if (presented == pinned)
        {
            return true;
        }

        _presentedFingerprint = presented.ToString();
        ClientLog.PinMismatch(_logger, _presentedFingerprint, pinned.ToString());
        return false;
    }

    private static bool IsCertificateFailure(HttpRequestException ex) =>
        ex.InnerException is AuthenticationException || ex.HttpRequestError == HttpRequestError.SecureConnectionError;

    private ProxmoxSdnException CertificateError(HttpRequestException ex) =>
        _options.Fingerprint is { } pinned
            ? new ProxmoxSdnException(SdnErrorKind.CertificateMismatch,
                $"TLS certificate of {_options.BaseAddress.Host} has SHA-256 fingerprint {_presentedFingerprint ?? "(none)"}, but {pinned} is pinned; refusing to connect. If the node certificate was renewed, check it on the node ('pvenode cert info') and update the pinned fingerprint.", ex)
            : new ProxmoxSdnException(SdnErrorKind.CertificateMismatch,
                $"TLS certificate of {_options.BaseAddress.Host} is not trusted by the system ({ex.Message}). Proxmox uses self-signed certificates: pin its SHA-256 fingerprint ('pvenode cert info').", ex);
}

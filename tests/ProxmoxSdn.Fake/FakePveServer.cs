using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ProxmoxSdn.Api;

namespace ProxmoxSdn.Fake;

/// <summary>
/// An in-process Proxmox VE API over real HTTPS on 127.0.0.1 (self-signed certificate): routes and
/// validates every request against the schema, checks the API token, injects faults and serves
/// <see cref="FakePveState"/>. Requests are handled one at a time (Connection: close).
/// </summary>
public sealed class FakePveServer : IAsyncDisposable
{
    /// <summary>The only API token the fake accepts, as user@realm!tokenid=secret (sent after <c>PVEAPIToken=</c>).</summary>
    public const string TokenText = "meshd@pve!sync=6f1c2f7e-0d7a-4c55-9a43-2d2b4cb1e0aa";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly PveSchema _schema;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _acceptLoop;

    /// <summary>Starts listening on an ephemeral loopback port; <paramref name="nodes"/> defaults to pve1 and pve2.</summary>
    public FakePveServer(PveSchema schema, params string[] nodes)
    {
        _schema = schema;
        State = new FakePveState(schema.Version, nodes.Length > 0 ? nodes : ["pve1", "pve2"]);
        foreach (var kind in FakePveState.Kinds)
        {
            var path = kind == "subnets" ? "/cluster/sdn/vnets/x/subnets" : "/cluster/sdn/" + kind;
            State.BooleanParams[kind] = _schema.Match("POST", path)?.Endpoint.Parameters
                .Where(p => p.Value.Type == "boolean").Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        }

        _certificate = CreateCertificate();
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The cluster state the requests read and change; tests may arrange or inspect it directly.</summary>
    public FakePveState State { get; }

    /// <summary>Faults to inject; each is consumed by the requests it matches.</summary>
    public List<Fault> Faults { get; } = [];

    /// <summary>Runs (serialized with request handling) before each request: simulates another client acting at that moment.</summary>
    public Action<string, string>? BeforeHandle { get; set; }

    /// <summary>Every request received, in order, with the status answered.</summary>
    public List<LoggedRequest> Log { get; } = [];

    /// <summary>The non-GET requests of <see cref="Log"/>.</summary>
    public IEnumerable<LoggedRequest> Writes => Log.Where(r => r.IsWrite);

    /// <summary>The https://127.0.0.1:port/ address to point a client at.</summary>
    public Uri BaseAddress => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>SHA-256 fingerprint of the self-signed certificate, for a pinned client.</summary>
    public CertificateFingerprint Fingerprint => CertificateFingerprint.Of(_certificate);

    /// <summary>Stops listening, waits for the accept loop and disposes the certificate.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _certificate.Dispose();
        _stop.Dispose();
        _gate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pve-fake.invalid", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(20));
                await using var ssl = new SslStream(client.GetStream());
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token);
                var raw = await HttpWire.ReadRequestAsync(ssl, timeout.Token);
                if (raw is null)
                {
                    return;
                }

                await _gate.WaitAsync(timeout.Token);
                PveResponse? response;
                Fault? fault;
                try
                {
                    BeforeHandle?.Invoke(raw.Method, raw.Path);
                    fault = Faults.FirstOrDefault(f => f.Matches(raw.Method, raw.Path));
                    if (fault is not null)
                    {
                        fault.Times--;
                    }

                    response = fault is null or { Kind: FaultKind.Delay } ? SafeDispatch(raw) : null;
                    if (fault is { Kind: FaultKind.Status })
                    {
                        response = new PveResponse(fault.Status, fault.Reason, null, fault.Errors);
                        Log.Add(new LoggedRequest(raw.Method, raw.Path, raw.Params, fault.Status));
                    }
                }
                finally
                {
                    _gate.Release();
                }

                if (fault is { Kind: FaultKind.Reset })
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                if (fault is { Kind: FaultKind.Delay })
                {
                    await Task.Delay(fault.Delay, timeout.Token);
                }

                await HttpWire.WriteResponseAsync(ssl, response!, timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException or SocketException)
            {
                // The client went away or refused our certificate (the pinning test): nothing to answer.
            }
        }
    }

    private PveResponse SafeDispatch(HttpWire.RawRequest raw)
    {
        try
        {
            return Dispatch(raw);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException or NullReferenceException)
        {
            // A bug in the fake must surface in the test, never as a silent connection drop.
            return new PveResponse(599, "fake server bug: " + ex.GetType().Name + ": " + ex.Message, null);
        }
    }

    private PveResponse Dispatch(HttpWire.RawRequest raw)
    {
        PveResponse response;
        if (raw.Authorization != "PVEAPIToken=" + TokenText)
        {
            response = new PveResponse(401, "invalid token value!", null);
        }
        else if (!raw.Path.StartsWith("/api2/json/", StringComparison.Ordinal))
        {
            response = new PveResponse(404, "Not Found", null);
        }
        else
        {
            var path = raw.Path["/api2/json".Length..];
            var match = _schema.Match(raw.Method, path);
            if (match is null)
            {
                response = _schema.HasPath(path)
                    ? new PveResponse(501, $"Method '{raw.Method} {path}' not implemented", null)
                    : new PveResponse(501, $"No '{path}' handler", null);
            }
            else
            {
                var all = new Dictionary<string, string>(raw.Params, StringComparer.Ordinal);
                foreach (var (k, v) in match.Value.PathParams)
                {
                    all[k] = v;
                }

                var errors = SchemaValidator.Validate(match.Value.Endpoint, all);
                response = errors.Count > 0
                    ? PveResponse.ParamError(errors)
                    : State.Handle(new PveRequest(raw.Method, path, "/" + string.Join('/', match.Value.Endpoint.Segments), all));
            }
        }

        Log.Add(new LoggedRequest(raw.Method, raw.Path.Replace("/api2/json", string.Empty, StringComparison.Ordinal), raw.Params, response.Status));
        return response;
    }
}

using System.Net;
using ProxmoxSdn.Api;
using ProxmoxSdn.Fake;

namespace ProxmoxSdn.Tests;

/// <summary>Client behaviour against the fake over real loopback HTTPS.</summary>
public sealed class ApiClientTests
{
    [Fact]
    public async Task Version_is_detected_for_both_releases()
    {
        foreach (var (schema, major, hasLock) in new[] { ("8", 8, false), ("9", 9, true) })
        {
            await using var h = Harness.Start(schema);
            var version = await h.Api.GetVersionAsync(TestContext.Current.CancellationToken);
            Assert.Equal(major, version.Major);
            Assert.Equal(hasLock, version.HasSdnLock);
        }
    }

    [Fact]
    public async Task Token_header_is_sent_and_a_wrong_token_gets_401_with_a_hint()
    {
        await using var h = Harness.Start("9");
        ApiToken.TryParse("meshd@pve!sync=wrong-secret", out var wrong);
        using var api = new ProxmoxApiClient(Harness.ClientOptions(h.Server) with { Token = wrong! });

        var ex = await Assert.ThrowsAsync<ProxmoxApiException>(() => api.GetVersionAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("invalid token value!", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Check the API token file", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Log);
    }

    [Fact]
    public async Task Pinned_fingerprint_mismatch_is_refused_before_any_request()
    {
        await using var h = Harness.Start("9");
        var other = CertificateFingerprint.Parse(string.Join(':', Enumerable.Repeat("AB", 32)));
        using var api = new ProxmoxApiClient(Harness.ClientOptions(h.Server) with { Fingerprint = other });

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => api.GetVersionAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.CertificateMismatch, ex.Kind);
        Assert.Contains(h.Server.Fingerprint.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("pinned", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Log);
    }

    [Fact]
    public async Task Without_a_pin_a_self_signed_certificate_is_not_trusted()
    {
        await using var h = Harness.Start("9");
        using var api = new ProxmoxApiClient(Harness.ClientOptions(h.Server) with { Fingerprint = null });

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => api.GetVersionAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.CertificateMismatch, ex.Kind);
        Assert.Contains("pin its SHA-256 fingerprint", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Log);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("reset")]
    public async Task Server_errors_and_connection_resets_are_retried(string fault)
    {
        var kind = fault == "reset" ? FaultKind.Reset : FaultKind.Status;
        await using var h = Harness.Start("9");
        h.Server.Faults.Add(new Fault("GET", "/api2/json/version", kind));

        var version = await h.Api.GetVersionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(9, version.Major);
        Assert.Equal(kind == FaultKind.Status ? 2 : 1, h.Server.Log.Count);
        Assert.Equal(0, h.Server.Faults[0].Times);
    }

    [Fact]
    public async Task Timeouts_are_retried()
    {
        await using var h = Harness.Start("9");
        h.Server.Faults.Add(new Fault("GET", "/api2/json/version", FaultKind.Delay) { Delay = TimeSpan.FromSeconds(10) });
        using var api = new ProxmoxApiClient(Harness.ClientOptions(h.Server) with { RequestTimeout = TimeSpan.FromSeconds(2) });

        var version = await api.GetVersionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(9, version.Major);
        Assert.Equal(2, h.Server.Log.Count);
    }

    [Fact]
    public async Task Persistent_5xx_fails_after_max_attempts_with_the_proxmox_message()
    {
        await using var h = Harness.Start("9");
        h.Server.Faults.Add(new Fault("GET", "/api2/json/version", FaultKind.Status) { Times = 10 });

        var ex = await Assert.ThrowsAsync<ProxmoxApiException>(() => h.Api.GetVersionAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("got no worker upid - worker start failed", ex.Reason);
        Assert.Equal("GET", ex.Method);
        Assert.Equal("/version", ex.ApiPath);
        Assert.Equal(3, h.Server.Log.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var h = Harness.Start("9");
        h.Server.Faults.Add(new Fault("*", "/api2/json/cluster", FaultKind.Status)
        {
            Status = status, Reason = "Permission check failed (/sdn, SDN.Allocate)", Times = 10,
        });

        var ex = await Assert.ThrowsAsync<ProxmoxApiException>(() =>
            h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/zones", [new("zone", "z1"), new("type", "simple")], TestContext.Current.CancellationToken));

        Assert.Equal(status, (int)ex.StatusCode);
        Assert.Contains("Permission check failed (/sdn, SDN.Allocate)", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Log);
    }

    [Fact]
    public void Retry_delay_grows_exponentially_with_jitter_and_a_cap()
    {
        ApiToken.TryParse("a@pam!t=s", out var token);
        using var api = new ProxmoxApiClient(new ProxmoxClientOptions
        {
            BaseAddress = new Uri("https://192.0.2.1:8006/"), Token = token!,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(350),
        });

        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(api.RetryDelay(1).TotalMilliseconds, 50, 100);
            Assert.InRange(api.RetryDelay(2).TotalMilliseconds, 100, 200);
            Assert.InRange(api.RetryDelay(5).TotalMilliseconds, 175, 350);
        }
    }
}

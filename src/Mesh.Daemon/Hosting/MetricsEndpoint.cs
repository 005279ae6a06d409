using System.Net;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Mesh.Daemon.Hosting;

/// <summary>The optional Prometheus endpoint (off by default; loopback addresses only) exporting the meshd meters.</summary>
public sealed class MetricsEndpoint : IHostedService, IDisposable
{
    private readonly DaemonOptions _options;
    private MetricServer? _server;

    /// <summary>Creates the endpoint.</summary>
    public MetricsEndpoint(DaemonOptions options) => _options = options;

    /// <summary>Parses `host:port` and refuses non-loopback hosts.</summary>
    public static (string Host, int Port) ParseListen(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (!IPEndPoint.TryParse(listen, out var ep) || ep.Port == 0)
        {
            throw new ArgumentException($"--metrics '{listen}' must be ADDRESS:PORT, e.g. 127.0.0.1:9474");
        }

        if (!IPAddress.IsLoopback(ep.Address))
        {
            throw new ArgumentException($"--metrics '{listen}' is not a loopback address: the metrics endpoint listens on loopback only (use a reverse proxy to expose it)");
        }

        return (ep.Address.ToString(), ep.Port);
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.Metrics))
        {
            return Task.CompletedTask;
        }

        var (host, port) = ParseListen(_options.Metrics);
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressDebugMetrics = true });
        _server = new MetricServer(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host, port);
        _server.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _server?.Dispose();
}

using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace Mesh.Daemon.Hosting;

/// <summary>Pings the systemd watchdog (WATCHDOG_USEC) at half the interval while the reconcile loop is alive.</summary>
public sealed class Watchdog : BackgroundService
{
    private readonly ISystemdNotifier _notifier;
    private readonly Reconcile.ReconcileLoop _loop;

    /// <summary>Creates the pinger.</summary>
    public Watchdog(ISystemdNotifier notifier, Reconcile.ReconcileLoop loop)
    {
        _notifier = notifier;
        _loop = loop;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (!_notifier.IsEnabled || !long.TryParse(usec, NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) || us <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMicroseconds(us / 2));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // The loop task ends only when it died: then stop pinging so systemd restarts meshd.
            if (_loop.ExecuteTask is { IsCompleted: true })
            {
                return;
            }

            _notifier.Notify(new ServiceState("WATCHDOG=1"));
        }
    }
}

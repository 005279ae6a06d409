using Mesh.Daemon.Reconcile;
using Microsoft.Extensions.Hosting;

namespace Mesh.Daemon.Hosting;

/// <summary>Enqueues a reconcile when the spec file changes (watching its directory, so editors that replace the file are seen).</summary>
public sealed class SpecWatcher : BackgroundService
{
    private readonly DaemonOptions _options;
    private readonly ReconcileQueue _queue;

    /// <summary>Creates the watcher.</summary>
    public SpecWatcher(DaemonOptions options, ReconcileQueue queue)
    {
        _options = options;
        _queue = queue;
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var full = Path.GetFullPath(_options.Spec);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
        {
            return Task.CompletedTask;
        }

        var watcher = new FileSystemWatcher(dir, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            EnableRaisingEvents = true,
        };
        void OnChange(object? sender, FileSystemEventArgs e) => _queue.Enqueue("spec-changed");
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Renamed += (s, e) => _queue.Enqueue("spec-changed");
        stoppingToken.Register(watcher.Dispose);
        return Task.CompletedTask;
    }
}

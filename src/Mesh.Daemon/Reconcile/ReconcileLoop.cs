using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Planning;
using Mesh.Spec;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Reconcile;

/// <summary>
/// The one reconcile loop: waits on the coalescing queue, loads and validates the spec (an invalid spec
/// is reported and the last good plan kept), plans this node, and lets every subsystem apply only its
/// differences. One failing subsystem does not block the others; it is retried with backoff.
/// If this loop dies, the host stops and systemd restarts meshd.
/// </summary>
public sealed partial class ReconcileLoop : BackgroundService
{
    private readonly DaemonOptions _options;
    private readonly ReconcileQueue _queue;
    private readonly DaemonState _state;
    private readonly IReadOnlyList<ISubsystem> _subsystems;
    private readonly ILogger<ReconcileLoop> _log;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));
    private readonly ReconcileMetrics _metrics;
    private string? _lastBadHash;

    /// <summary>Creates the loop.</summary>
    public ReconcileLoop(DaemonOptions options, ReconcileQueue queue, DaemonState state, IEnumerable<ISubsystem> subsystems,
        ReconcileMetrics metrics, ILogger<ReconcileLoop> log, TimeProvider? time = null)
    {
        _options = options;
        _queue = queue;
        _state = state;
        _subsystems = [.. subsystems];
        _metrics = metrics;
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The plan currently applied (the last good one).</summary>
    public NodePlan? CurrentPlan { get; private set; }

    /// <summary>Raised after every pass (tests and the watchdog use it).</summary>
    public event Action<IReadOnlyList<string>>? PassCompleted;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _queue.Enqueue("startup");
        using var resync = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, _options.ResyncSeconds)), _time);
        _ = ResyncAsync(resync, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<string> reasons;
            try
            {
                reasons = await _queue.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await PassAsync(reasons, stoppingToken);
            PassCompleted?.Invoke(reasons);
        }
    }

    /// <summary>Runs one pass now (also used by tests).</summary>
    public async Task PassAsync(IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        LogPass(string.Join(",", reasons));
        var plan = LoadPlan();
        if (plan is not null)
        {
            foreach (var subsystem in _subsystems)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RunSubsystemAsync(subsystem, plan, cancellationToken);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _state.PassDone(_time.GetUtcNow(), elapsed);
        _metrics.PassDone(elapsed);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var subsystem in _subsystems.Reverse())
        {
            try
            {
                await subsystem.StopAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStopFailed(subsystem.Name, e.Message);
            }
        }
    }

    private NodePlan? LoadPlan()
    {
        string text;
        try
        {
            text = File.ReadAllText(_options.Spec);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _state.SetSpecErrors([$"{_options.Spec}: cannot read the spec: {e.Message}"]);
            LogSpecUnreadable(_options.Spec, e.Message);
            return CurrentPlan;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var loaded = SpecLoader.Load(text, _options.Spec);
        var errors = loaded.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        NodePlan? plan = null;
        if (errors.Count == 0 && loaded.Spec is not null)
        {
            try
            {
                plan = Planner.Plan(loaded.Spec, _options.Node);
            }
            catch (ArgumentException e)
            {
                errors.Add($"{_options.Spec}: {e.Message}");
            }
        }

        if (plan is null)
        {
            _state.SetSpecErrors(errors);
            if (_lastBadHash != hash)
            {
                _lastBadHash = hash;
                LogSpecInvalid(_options.Spec, errors.Count, CurrentPlan is null ? "nothing applied yet" : "keeping the running state");
                foreach (var e in errors)
                {
                    LogSpecError(e);
                }
            }

            _metrics.SpecInvalid();
            return CurrentPlan;
        }

        _lastBadHash = null;
        if (CurrentPlan is null || CurrentPlan != plan)
        {
            LogPlanChanged(hash);
        }

        CurrentPlan = plan;
        _state.Spec = loaded.Spec;
        _state.SetPlanned(hash, plan.Site, plan.Role.ToString().ToLowerInvariant(), plan.Dataplane.ToString().ToLowerInvariant());
        return plan;
    }

    private async Task RunSubsystemAsync(ISubsystem subsystem, NodePlan plan, CancellationToken cancellationToken)
    {
        SubsystemResult result;
        var started = Stopwatch.GetTimestamp();
        try
        {
            result = await subsystem.ReconcileAsync(plan, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            result = new SubsystemResult(Health.Failed, 0, e.Message);
        }

        _state.Record(subsystem.Name, result, _time.GetUtcNow());
        _metrics.SubsystemDone(subsystem.Name, result, Stopwatch.GetElapsedTime(started));
        if (result.Health is Health.Failed or Health.Degraded)
        {
            var failures = _state.Failures(subsystem.Name);
            var delay = _backoff.Delay(failures);
            LogSubsystemFailed(subsystem.Name, result.Message, failures, delay.TotalSeconds);
            _queue.EnqueueAfter($"retry:{subsystem.Name}", delay, cancellationToken);
        }
        else if (result.Changes > 0)
        {
            LogSubsystemChanged(subsystem.Name, result.Changes, result.Message);
        }
    }

    private async Task ResyncAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _queue.Enqueue("resync");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "reconcile pass ({Reasons})")]
    private partial void LogPass(string reasons);

    [LoggerMessage(2, LogLevel.Error, "spec {Path} cannot be read: {Reason}; keeping the running state")]
    private partial void LogSpecUnreadable(string path, string reason);

    [LoggerMessage(3, LogLevel.Error, "spec {Path} is invalid ({Count} errors); {What}. Fix it and save: meshd picks it up (meshctl validate shows the same list)")]
    private partial void LogSpecInvalid(string path, int count, string what);

    [LoggerMessage(4, LogLevel.Error, "  {Diagnostic}")]
    private partial void LogSpecError(string diagnostic);

    [LoggerMessage(5, LogLevel.Information, "plan changed (spec {Hash})")]
    private partial void LogPlanChanged(string hash);

    [LoggerMessage(6, LogLevel.Warning, "{Subsystem}: {Message} (failure {Failures}, retry in {Seconds:F1} s)")]
    private partial void LogSubsystemFailed(string subsystem, string message, int failures, double seconds);

    [LoggerMessage(7, LogLevel.Information, "{Subsystem}: {Changes} change(s): {Message}")]
    private partial void LogSubsystemChanged(string subsystem, int changes, string message);

    [LoggerMessage(8, LogLevel.Warning, "{Subsystem}: stop failed: {Message}")]
    private partial void LogStopFailed(string subsystem, string message);
}

using System.Diagnostics.Metrics;
using Mesh.Control;

namespace Mesh.Daemon.Reconcile;

/// <summary>Reconcile metrics on the "meshd" meter (exported by the optional Prometheus endpoint).</summary>
public sealed class ReconcileMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "meshd";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _passSeconds;
    private readonly Histogram<double> _subsystemSeconds;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _specInvalid;

    /// <summary>Creates the instruments.</summary>
    public ReconcileMetrics()
    {
        _passSeconds = _meter.CreateHistogram<double>("meshd_reconcile_duration_seconds", "s", "Duration of one reconcile pass");
        _subsystemSeconds = _meter.CreateHistogram<double>("meshd_subsystem_duration_seconds", "s", "Duration of one subsystem's reconcile");
        _errors = _meter.CreateCounter<long>("meshd_reconcile_errors_total", description: "Failed subsystem reconciles");
        _changes = _meter.CreateCounter<long>("meshd_reconcile_changes_total", description: "Changes applied by subsystems");
        _specInvalid = _meter.CreateCounter<long>("meshd_spec_invalid_total", description: "Passes that found the spec invalid");
    }

    /// <summary>The meter, for gauges registered by subsystems.</summary>
    public Meter Meter => _meter;

    /// <summary>Records a pass.</summary>
    public void PassDone(TimeSpan elapsed) => _passSeconds.Record(elapsed.TotalSeconds);

    /// <summary>Records a subsystem result.</summary>
    public void SubsystemDone(string name, SubsystemResult result, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("subsystem", name);
        _subsystemSeconds.Record(elapsed.TotalSeconds, tag);
        if (result.Health == Health.Failed)
        {
            _errors.Add(1, tag);
        }

        if (result.Changes > 0)
        {
            _changes.Add(result.Changes, tag);
        }
    }

    /// <summary>Records an invalid spec.</summary>
    public void SpecInvalid() => _specInvalid.Add(1);

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}

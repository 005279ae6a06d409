using Mesh.Control;

namespace Mesh.Daemon.Reconcile;

/// <summary>What the daemon knows about itself, published on the control socket. Thread-safe snapshots.</summary>
public sealed class DaemonState
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, SubsystemReport> _subsystems = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _specErrors = [];
    private string? _specHash;
    private DateTimeOffset? _lastReconcile;
    private double? _lastReconcileMs;
    private long _reconciles;
    private string _site = "?";
    private string _role = "?";
    private string _dataplane = "?";

    /// <summary>Creates the state.</summary>
    public DaemonState(string node, string specPath, DateTimeOffset startedAt)
    {
        Node = node;
        SpecPath = specPath;
        StartedAt = startedAt;
    }

    /// <summary>This node's name.</summary>
    public string Node { get; }

    /// <summary>The spec file.</summary>
    public string SpecPath { get; }

    /// <summary>When meshd started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The last valid spec (subsystems that derive more than the NodePlan holds read it).</summary>
    public Mesh.Model.MeshSpec? Spec { get; set; }

    /// <summary>Records a successfully loaded and planned spec.</summary>
    public void SetPlanned(string specHash, string site, string role, string dataplane)
    {
        lock (_gate)
        {
            _specHash = specHash;
            _specErrors = [];
            _site = site;
            _role = role;
            _dataplane = dataplane;
        }
    }

    /// <summary>Records that the spec on disk is invalid (the running state is kept).</summary>
    public void SetSpecErrors(IReadOnlyList<string> errors)
    {
        lock (_gate)
        {
            _specErrors = errors;
        }
    }

    /// <summary>Records the effective dataplane once chosen (auto → kernel or userspace).</summary>
    public void SetDataplane(string dataplane)
    {
        lock (_gate)
        {
            _dataplane = dataplane;
        }
    }

    /// <summary>Records one subsystem's result.</summary>
    public void Record(string name, SubsystemResult result, DateTimeOffset now)
    {
        lock (_gate)
        {
            _subsystems.TryGetValue(name, out var prev);
            var failures = result.Health is Health.Failed or Health.Degraded ? (prev?.ConsecutiveFailures ?? 0) + 1 : 0;
            var lastChange = result.Changes > 0 ? now : prev?.LastChange;
            _subsystems[name] = new SubsystemReport(name, result.Health, result.Message, result.Changes, now, lastChange, failures);
        }
    }

    /// <summary>Consecutive failures of one subsystem (for its backoff).</summary>
    public int Failures(string name)
    {
        lock (_gate)
        {
            return _subsystems.TryGetValue(name, out var r) ? r.ConsecutiveFailures : 0;
        }
    }

    /// <summary>Records the end of a pass.</summary>
    public void PassDone(DateTimeOffset at, TimeSpan duration)
    {
        lock (_gate)
        {
            _lastReconcile = at;
            _lastReconcileMs = Math.Round(duration.TotalMilliseconds, 1);
            _reconciles++;
        }
    }

    /// <summary>A snapshot for `meshctl status`.</summary>
    public StatusReport Snapshot(string version)
    {
        lock (_gate)
        {
            return new StatusReport(Node, _site, _role, _dataplane, SpecPath, _specHash, _specErrors, StartedAt,
                _lastReconcile, _lastReconcileMs, _reconciles, [.. _subsystems.Values], version);
        }
    }
}

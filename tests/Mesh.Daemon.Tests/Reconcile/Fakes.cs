using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Planning;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Mesh.Daemon.Tests.Reconcile;

/// <summary>A subsystem whose outcome the test decides; it records every plan it was given.</summary>
internal sealed class FakeSubsystem(string name, Func<int, Task<SubsystemResult>>? behaviour = null) : ISubsystem
{
    private readonly Lock _gate = new();
    private readonly List<NodePlan> _plans = [];

    public string Name => name;

    public bool Stopped { get; private set; }

    public List<string>? StopLog { get; init; }

    public IReadOnlyList<NodePlan> Plans
    {
        get
        {
            lock (_gate)
            {
                return [.. _plans];
            }
        }
    }

    public static FakeSubsystem Throwing(string name, string message) =>
        new(name, _ => throw new InvalidOperationException(message));

    public Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        int call;
        lock (_gate)
        {
            _plans.Add(plan);
            call = _plans.Count;
        }

        return behaviour is null ? Task.FromResult(SubsystemResult.Unchanged()) : behaviour(call);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        StopLog?.Add(name);
        return Task.CompletedTask;
    }
}

/// <summary>Keeps every log event with its structured values (the [LoggerMessage] state).</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<(int Id, LogLevel Level, string Message, Dictionary<string, object?> Values)> _events = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : [];
        lock (_events)
        {
            _events.Add((eventId.Id, logLevel, formatter(state, exception), values));
        }
    }

    public IReadOnlyList<(int Id, LogLevel Level, string Message, Dictionary<string, object?> Values)> Events(int id)
    {
        lock (_events)
        {
            return [.. _events.Where(e => e.Id == id)];
        }
    }

    public IReadOnlyList<string> Messages()
    {
        lock (_events)
        {
            return [.. _events.Select(e => e.Message)];
        }
    }
}

/// <summary>A reconcile loop over a spec in a temporary folder, with the test's subsystems and clock.</summary>
internal sealed class LoopHarness : IDisposable
{
    public LoopHarness(string specText, string node, TimeProvider time, params ISubsystem[] subsystems)
    {
        Directory.CreateDirectory(Dir);
        SpecPath = Path.Combine(Dir, "mesh.yaml");
        File.WriteAllText(SpecPath, specText);
        Options = new DaemonOptions { Spec = SpecPath, Node = node, StateDir = Dir, Socket = Path.Combine(Dir, "meshd.sock") };
        Queue = new ReconcileQueue(time);
        State = new DaemonState(node, SpecPath, time.GetUtcNow());
        Loop = new ReconcileLoop(Options, Queue, State, subsystems, Metrics, Log, time);
    }

    public static string Lab => File.ReadAllText(Repo.Path("examples", "lab.yaml"));

    public static string TwoSites => File.ReadAllText(Repo.Path("examples", "two-sites.yaml"));

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "meshd-loop-" + Guid.NewGuid().ToString("N"));

    public string SpecPath { get; }

    public DaemonOptions Options { get; }

    public ReconcileQueue Queue { get; }

    public DaemonState State { get; }

    public ReconcileMetrics Metrics { get; } = new();

    public CapturingLogger<ReconcileLoop> Log { get; } = new();

    public ReconcileLoop Loop { get; }

    public StatusReport Status => State.Snapshot("test");

    public SubsystemReport Report(string name) => Status.Subsystems.Single(s => s.Name == name);

    public void WriteSpec(string text) => File.WriteAllText(SpecPath, text);

    public void Dispose()
    {
        Loop.Dispose();
        Metrics.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}

using Mesh.Control;

namespace Mesh.Cli.Rendering;

/// <summary>Human form of `meshctl status` (fits 80 columns).</summary>
public static class StatusText
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter output, StatusReport status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        output.WriteLine($"node       {status.Node} (site {status.Site}, role {status.Role})");
        output.WriteLine($"dataplane  {status.Dataplane}");
        output.WriteLine($"spec       {status.SpecPath} ({status.SpecHash ?? "not loaded"})");
        var last = status.LastReconcile is null
            ? "none yet"
            : $"{Human.Age(status.LastReconcile, now)} ago, {status.LastReconcileMs:0.#} ms ({status.Reconciles} passes)";
        output.WriteLine($"reconcile  {last}");
        output.WriteLine($"meshd      {status.Version}, up {Human.Age(status.StartedAt, now)}");
        foreach (var e in status.SpecErrors)
        {
            output.WriteLine($"spec error {e}");
        }

        output.WriteLine();
        output.WriteLine($"{"SUBSYSTEM",-12} {"HEALTH",-9} {"CHANGED",-8} MESSAGE");
        foreach (var s in status.Subsystems)
        {
            var health = s.Health.ToString().ToLowerInvariant();
            var changed = s.LastChange is null ? "-" : Human.Age(s.LastChange, now);
            output.WriteLine($"{Human.Fit(s.Name, 12),-12} {health,-9} {changed,-8} {Human.Fit(s.Message, 48)}");
        }
    }
}

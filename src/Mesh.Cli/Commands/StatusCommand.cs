using System.CommandLine;
using Mesh.Cli.Control;
using Mesh.Cli.Rendering;
using Mesh.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl status [--json]</c>: node, role, dataplane, spec hash, last reconcile, per-subsystem health. Exit 0 healthy, 1 degraded, 2 error.</summary>
public static class StatusCommand
{
    /// <summary>The shared --socket option.</summary>
    public static Option<string> SocketOption() => new("--socket")
    {
        Description = "meshd control socket",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MESHD_SOCKET") ?? ControlProtocol.DefaultSocketPath,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create() => new ControlCommand<StatusReport>(
        "status", "show this node's meshd state; exit 0 healthy, 1 degraded, 2 error",
        r => r.Status, ControlCliJson.Default.StatusReport, StatusText.Write, ExitCode).Create();

    /// <summary>0 when every used subsystem is healthy and the spec is valid, 1 otherwise.</summary>
    public static int ExitCode(StatusReport status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var degraded = status.SpecErrors.Count > 0 || status.LastReconcile is null
            || status.Subsystems.Any(s => s.Health is Health.Failed or Health.Degraded or Health.Unknown);
        return degraded ? Cli.Failed : Cli.Ok;
    }
}

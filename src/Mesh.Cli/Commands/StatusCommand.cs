using System.CommandLine;
using System.Text.Json;
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
    public static Command Create()
    {
        var socket = SocketOption();
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("status", "show this node's meshd state; exit 0 healthy, 1 degraded, 2 error") { socket, json };
        command.SetAction(result => Run(result, result.GetValue(socket)!, result.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult result, string socket, bool json)
    {
        StatusReport status;
        try
        {
            status = ControlClient.Send(socket, "status").Status ?? throw new ControlException("meshd sent no status");
        }
        catch (ControlException e)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return Cli.Usage;
        }

        var output = CliIo.Out(result);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(status, ControlCliJson.Default.StatusReport));
        }
        else
        {
            StatusText.Write(output, status, DateTimeOffset.UtcNow);
        }

        return ExitCode(status);
    }

    /// <summary>0 when every used subsystem is healthy and the spec is valid, 1 otherwise.</summary>
    public static int ExitCode(StatusReport status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var degraded = status.SpecErrors.Count > 0 || status.LastReconcile is null
            || status.Subsystems.Any(s => s.Health is Health.Failed or Health.Degraded or Health.Unknown);
        return degraded ? Cli.Failed : Cli.Ok;
    }
}

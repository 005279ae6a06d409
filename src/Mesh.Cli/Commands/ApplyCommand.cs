using System.CommandLine;
using Mesh.Cli.Control;
using Mesh.Cli.Rendering;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl apply</c>: asks meshd for a reconcile pass now (it re-reads the spec) and waits for it.</summary>
public static class ApplyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var socket = StatusCommand.SocketOption();
        var wait = new Option<int>("--wait") { Description = "seconds to wait for the pass to finish", DefaultValueFactory = _ => 60 };
        var command = new Command("apply", "reconcile now: meshd re-reads the spec and applies the differences") { socket, wait };
        command.SetAction(result => Run(result, result.GetValue(socket)!, result.GetValue(wait)));
        return command;
    }

    private static int Run(ParseResult result, string socket, int waitSeconds)
    {
        try
        {
            var before = ControlClient.Send(socket, "apply").Status!;
            var deadline = DateTimeOffset.UtcNow.AddSeconds(Math.Max(1, waitSeconds));
            while (DateTimeOffset.UtcNow < deadline)
            {
                Thread.Sleep(200);
                var now = ControlClient.Send(socket, "status").Status!;
                if (now.Reconciles > before.Reconciles)
                {
                    StatusText.Write(CliIo.Out(result), now, DateTimeOffset.UtcNow);
                    return StatusCommand.ExitCode(now);
                }
            }

            CliIo.Error(result).WriteLine($"meshctl: meshd did not finish a pass within {waitSeconds} s; see journalctl -u meshd");
            return Cli.Failed;
        }
        catch (ControlException e)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return Cli.Usage;
        }
    }
}

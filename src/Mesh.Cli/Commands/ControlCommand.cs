using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mesh.Cli.Control;
using Mesh.Control;

namespace Mesh.Cli.Commands;

/// <summary>
/// The shape shared by the commands that ask meshd one question on its control socket (status, peers, doctor):
/// <c>--socket</c> and <c>--json</c>, one request, "meshctl: ..." and exit 2 when meshd cannot answer, the report as
/// JSON or text, and an exit code the report decides.
/// </summary>
internal sealed record ControlCommand<T>(
    string Name,
    string Description,
    Func<ControlResponse, T?> Pick,
    JsonTypeInfo<T> Json,
    Action<TextWriter, T, DateTimeOffset> WriteText,
    Func<T, int> ExitCode)
    where T : class
{
    /// <summary>How long to wait for meshd's answer (default: the control client's).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Builds the command.</summary>
    public Command Create()
    {
        var socket = StatusCommand.SocketOption();
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command(Name, Description) { socket, json };
        command.SetAction(result => Run(result, result.GetValue(socket)!, result.GetValue(json)));
        return command;
    }

    private int Run(ParseResult result, string socket, bool json)
    {
        T report;
        try
        {
            report = Pick(ControlClient.Send(socket, Name, Timeout)) ?? throw new ControlException($"meshd sent no {Name} report");
        }
        catch (ControlException e)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return Cli.Usage;
        }

        var output = CliIo.Out(result);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, Json));
        }
        else
        {
            WriteText(output, report, DateTimeOffset.UtcNow);
        }

        return ExitCode(report);
    }
}

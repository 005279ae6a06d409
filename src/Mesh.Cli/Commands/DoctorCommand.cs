using System.CommandLine;
using System.Text.Json;
using Mesh.Cli.Control;
using Mesh.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl doctor [--json]</c>: every trap of the seed checked on this node, each with how to fix it. Exit 0 green, 1 findings, 2 error.</summary>
public static class DoctorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var socket = StatusCommand.SocketOption();
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("doctor", "check this node for the known traps (sysctls, local routing, SNAT, firewall, MTU, FRR, BGP, handshakes, DNS, clock)") { socket, json };
        command.SetAction(result => Run(result, result.GetValue(socket)!, result.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult result, string socket, bool json)
    {
        DoctorReport report;
        try
        {
            report = ControlClient.Send(socket, "doctor", TimeSpan.FromSeconds(20)).Doctor ?? throw new ControlException("meshd sent no doctor report");
        }
        catch (ControlException e)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return Cli.Usage;
        }

        var output = CliIo.Out(result);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, ControlCliJson.Default.DoctorReport));
        }
        else
        {
            output.WriteLine($"doctor: {report.Node}");
            foreach (var f in report.Findings)
            {
                var mark = f.Verdict switch { Verdict.Ok => "ok  ", Verdict.Warn => "WARN", _ => "FAIL" };
                output.WriteLine($"  {mark} {f.Check,-24} {f.Message}");
                if (f.Verdict != Verdict.Ok && f.Fix is not null)
                {
                    output.WriteLine($"       {string.Empty,-24} fix: {f.Fix}");
                }
            }
        }

        return report.Findings.Any(f => f.Verdict == Verdict.Fail) ? Cli.Failed : Cli.Ok;
    }
}

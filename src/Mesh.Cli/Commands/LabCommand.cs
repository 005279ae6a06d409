using System.CommandLine;
using Mesh.Cli.Lab;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl lab up|down|status</c>: the seed's two-site network on this machine, in namespaces, with real components.</summary>
public static class LabCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var noChecks = new Option<bool>("--no-checks") { Description = "build the lab but skip the checks" };
        var keep = new Option<bool>("--down-after") { Description = "take the lab down after the checks (and verify nothing is left)" };
        var up = new Command("up", "build the lab (internet, DNS, roz and wro with meshd, FRR and VMs), run its seven checks, print status and peers") { noChecks, keep };
        up.SetAction(result => Up(result, result.GetValue(noChecks), result.GetValue(keep)));
        var down = new Command("down", "stop every lab process by PID and remove every namespace, device and folder of the lab");
        down.SetAction(result =>
        {
            var output = CliIo.Out(result);
            new LabRunner(output).Down();
            var left = LabRunner.Leftovers();
            foreach (var l in left)
            {
                output.WriteLine($"lab: left behind: {l}");
            }

            return left.Count == 0 ? Cli.Ok : Cli.Failed;
        });
        var status = new Command("status", "show the lab's namespaces and processes, and each node's meshctl status");
        status.SetAction(result =>
        {
            var output = CliIo.Out(result);
            var sites = LabState.Sites();
            if (sites.Count == 0)
            {
                output.WriteLine("lab: not running (meshctl lab up starts it)");
                return Cli.Failed;
            }

            var code = Cli.Ok;
            foreach (var s in sites)
            {
                output.WriteLine($"== {s.Node} ({s.Ns})");
                code = Math.Max(code, Cli.Run(["status", "--socket", LabNodes.Socket(s)], output, CliIo.Error(result), TextReader.Null));
            }

            return code;
        });
        return new Command("lab", "the two-site lab: the whole product on one machine") { up, down, status };
    }

    private static int Up(ParseResult result, bool noChecks, bool downAfter)
    {
        var output = CliIo.Out(result);
        var runner = new LabRunner(output);
        try
        {
            runner.Up();
            IReadOnlyList<LabCheck> checks = [];
            if (!noChecks)
            {
                checks = new LabChecks(runner, output).RunAll();
            }

            foreach (var s in LabState.Sites())
            {
                output.WriteLine();
                output.WriteLine($"== meshctl status / peers on {s.Node} (socket {LabNodes.Socket(s)})");
                Cli.Run(["status", "--socket", LabNodes.Socket(s)], output, output, TextReader.Null);
                output.WriteLine();
                Cli.Run(["peers", "--socket", LabNodes.Socket(s)], output, output, TextReader.Null);
            }

            var failed = checks.Count(c => !c.Passed);
            if (downAfter)
            {
                runner.Down();
                var left = LabRunner.Leftovers();
                var ok = left.Count == 0;
                checks = [.. checks, new LabCheck(7, "lab down leaves nothing behind", ok, ok ? "nothing left" : string.Join(", ", left), 0)];
                failed += ok ? 0 : 1;
            }

            output.WriteLine();
            output.WriteLine("summary:");
            foreach (var c in checks)
            {
                output.WriteLine($"  {(c.Passed ? "PASS" : "FAIL")} {c.Number}. {c.Name} ({c.Seconds:0.0} s)");
            }

            if (!downAfter)
            {
                output.WriteLine("  (check 7 runs with `meshctl lab down`, or use --down-after)");
            }

            return failed == 0 ? Cli.Ok : Cli.Failed;
        }
        catch (LabException e)
        {
            CliIo.Error(result).WriteLine($"meshctl lab: {e.Message}");
            return Cli.Failed;
        }
    }
}

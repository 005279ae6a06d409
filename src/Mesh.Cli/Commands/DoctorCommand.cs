using System.CommandLine;
using Mesh.Cli.Control;
using Mesh.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl doctor [--json]</c>: every trap of the seed checked on this node, each with how to fix it. Exit 0 green, 1 findings, 2 error.</summary>
public static class DoctorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new ControlCommand<DoctorReport>(
        "doctor", "check this node for the known traps (sysctls, local routing, SNAT, firewall, MTU, FRR, BGP, handshakes, DNS, clock)",
        r => r.Doctor, ControlCliJson.Default.DoctorReport, WriteText, ExitCode)
    {
        Timeout = TimeSpan.FromSeconds(20),
    }.Create();

    /// <summary>1 when a check failed (warnings alone keep 0), else 0.</summary>
    public static int ExitCode(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Findings.Any(f => f.Verdict == Verdict.Fail) ? Cli.Failed : Cli.Ok;
    }

    private static void WriteText(TextWriter output, DoctorReport report, DateTimeOffset now)
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
}

using System.CommandLine;
using Mesh.Cli.Commands;

namespace Mesh.Cli;

/// <summary>meshctl entry point: builds the command tree and maps results to exit codes (0 ok, 1 failed check, 2 usage).</summary>
public static class Cli
{
    /// <summary>Everything went well.</summary>
    public const int Ok = 0;

    /// <summary>A check failed (invalid spec, ...).</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or an unreadable input.</summary>
    public const int Usage = 2;

    /// <summary>The root command; adding a command = one file under Commands/ + one line here.</summary>
    public static RootCommand BuildRoot() =>
        new("meshctl: plan, validate and inspect a meshd WireGuard + BGP-EVPN mesh")
        {
            ValidateCommand.Create(),
            PlanCommand.Create(),
            KeygenCommand.Create(),
            PubkeyCommand.Create(),
            StatusCommand.Create(),
            PeersCommand.Create(),
            DoctorCommand.Create(),
            ApplyCommand.Create(),
            LabCommand.Create(),
            FrrCommand.Create(),
            SdnCommand.Create(),
            FirewallCommand.Create(),
        };

    /// <summary>Parses and runs a command line with the given streams (tests call this in process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var result = BuildRoot().Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"meshctl: {error.Message}");
            }

            stderr.WriteLine("Try 'meshctl --help'.");
            return Usage;
        }

        var previous = CliIo.Input;
        CliIo.Input = stdin;
        try
        {
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        finally
        {
            CliIo.Input = previous;
        }
    }
}

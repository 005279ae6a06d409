using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace Frr;

/// <summary>Output of a finished program.</summary>
/// <param name="ExitCode">Exit code.</param>
/// <param name="StdOut">Standard output.</param>
/// <param name="StdErr">Standard error.</param>
internal sealed record ProcessOutput(int ExitCode, string StdOut, string StdErr)
{
    public string Combined => (StdErr.Trim() + "\n" + StdOut.Trim()).Trim();
}

/// <summary>
/// Runs a program with an argument array through CliWrap: a time limit, caller cancellation,
/// SIGINT first and a kill two seconds later, and errors that say what to install or check.
/// </summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    public static async Task<ProcessOutput> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var argList = args.ToArray();
        using var graceful = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var forceful = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        graceful.CancelAfter(timeout);
        forceful.CancelAfter(timeout + KillGrace);
        try
        {
            var result = await Cli.Wrap(program)
                .WithArguments(argList)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(System.Text.Encoding.UTF8, System.Text.Encoding.UTF8, forceful.Token, graceful.Token);
            return new ProcessOutput(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception e)
        {
            throw new FrrException(FrrErrorReason.ToolMissing,
                $"cannot run {program}: {e.Message}; install FRR (apt install frr frr-pythontools) or set the path in FrrInstance", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrrException(FrrErrorReason.Timeout,
                $"{program} {string.Join(' ', argList)} did not finish within {timeout.TotalSeconds:0.#} s; check that the FRR daemons are responsive", e);
        }
    }
}

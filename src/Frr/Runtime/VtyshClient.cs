namespace Frr;

/// <summary>Runs vtysh commands against one <see cref="FrrInstance"/>.</summary>
public sealed class VtyshClient
{
    private readonly FrrInstance _instance;

    /// <summary>Creates a client for the instance.</summary>
    public VtyshClient(FrrInstance instance) => _instance = instance ?? throw new ArgumentNullException(nameof(instance));

    /// <summary>
    /// Runs `vtysh [-N NAME] -c COMMAND...` and returns stdout. Throws <see cref="FrrException"/>:
    /// ToolMissing (no vtysh), NotRunning (no daemon answers, or the daemon for the command is down),
    /// Timeout, CommandFailed (other non-zero exits).
    /// </summary>
    public async Task<string> RunAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var args = _instance.PathspaceArgs.Concat(commands.SelectMany(c => new[] { "-c", c }));
        var output = await ProcessRunner.RunAsync(_instance.Vtysh, args, _instance.CommandTimeout, cancellationToken);
        var where = _instance.Pathspace is null ? "the default FRR instance" : $"FRR pathspace '{_instance.Pathspace}'";
        if (output.Combined.Contains("failed to connect to any daemons", StringComparison.Ordinal))
        {
            throw new FrrException(FrrErrorReason.NotRunning,
                $"vtysh cannot reach {where}: FRR is not running; start it (systemctl start frr) and retry");
        }

        if (NotRunningDaemon(output.StdOut) is { } daemon)
        {
            throw new FrrException(FrrErrorReason.NotRunning,
                $"{daemon} is not running in {where}: enable it in {_instance.DaemonsPath} and restart FRR");
        }

        if (output.ExitCode != 0)
        {
            throw new FrrException(FrrErrorReason.CommandFailed,
                $"vtysh {string.Join(" ; ", commands)} exited {output.ExitCode} on {where}: {output.Combined}");
        }

        return output.StdOut;
    }

    /// <summary>
    /// The installed FRR version from `vtysh -h` ("Integrated shell for FRR (version 8.4.4)"), for the
    /// `frr version` header; works while the daemons are down.
    /// </summary>
    public async Task<string> GetInstalledVersionAsync(CancellationToken cancellationToken = default)
    {
        var output = await ProcessRunner.RunAsync(_instance.Vtysh, ["-h"], _instance.CommandTimeout, cancellationToken);
        const string marker = "(version ";
        var text = output.StdOut + output.StdErr;
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf(')', start);
        return end > start
            ? text[(start + marker.Length)..end].Trim()
            : throw new FrrException(FrrErrorReason.BadOutput, $"`{_instance.Vtysh} -h` did not print an FRR version; is FRR installed?");
    }

    /// <summary>Runs one show command.</summary>
    public Task<string> ShowAsync(string command, CancellationToken cancellationToken = default) => RunAsync([command], cancellationToken);

    private static string? NotRunningDaemon(string stdout)
    {
        var trimmed = stdout.Trim();
        const string suffix = " is not running";
        return trimmed.EndsWith(suffix, StringComparison.Ordinal) && !trimmed.Contains('\n', StringComparison.Ordinal)
            ? trimmed[..^suffix.Length]
            : null;
    }
}

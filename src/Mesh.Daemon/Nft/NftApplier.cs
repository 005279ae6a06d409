using System.Text;
using Mesh.Firewall;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Nft;

/// <summary>
/// Loads meshd's own nftables table (<c>table inet meshd</c>) on a native node: checks the script with
/// <c>nft -c</c>, compares it with the running table and loads it with one atomic <c>nft -f</c> only when it
/// differs; deletes the table when the plan has none. Never touches any other table.
/// </summary>
public sealed partial class NftApplier
{
    /// <summary>The table meshd owns, as nft names it (<c>inet meshd</c>).</summary>
    public const string TableId = NftRenderer.Family + " " + NftRenderer.Table;
    private readonly NftCli _nft;
    private readonly ILogger<NftApplier> _logger;

    /// <summary>Creates the applier.</summary>
    public NftApplier(NftOptions options, ILogger<NftApplier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _nft = new NftCli(options);
        _logger = logger;
    }

    /// <summary>
    /// Renders and applies the plan's table; null removes it. The caller decides by the node's role (a native
    /// node in a Proxmox site still gets the table; a Proxmox node passes null or skips the call).
    /// </summary>
    public Task<NftApplyOutcome> ApplyAsync(FirewallPlan? plan, CancellationToken cancellationToken) =>
        ApplyScriptAsync(plan is null ? null : NftRenderer.Render(plan), cancellationToken);

    /// <summary>Applies a script from <see cref="NftRenderer.Render"/>; null removes the table.</summary>
    /// <exception cref="NftException">nft refused the script or failed; the message carries nft's error.</exception>
    /// <exception cref="ArgumentException">The script touches a table other than <c>inet meshd</c>.</exception>
    public async Task<NftApplyOutcome> ApplyScriptAsync(string? script, CancellationToken cancellationToken)
    {
        if (script is null)
        {
            return await RemoveAsync(cancellationToken);
        }

        var definition = NftScript.Definition(script, TableId);
        var path = Path.Combine(Path.GetTempPath(), $"meshd-nft-{Environment.ProcessId}-{Guid.NewGuid():N}.nft");
        try
        {
            await File.WriteAllTextAsync(path, script, cancellationToken);
            var check = await _nft.RunAsync(["-c", "-f", path], cancellationToken);
            if (check.ExitCode != 0)
            {
                throw Failure("nft -c rejected the generated table (a meshd bug or a kernel without the needed nftables features)", check.StandardError, check.ExitCode);
            }

            var running = await ReadTableAsync(cancellationToken);
            if (running is not null && NftScript.Normalize(running) == NftScript.Normalize(definition))
            {
                LogUnchanged(_logger, TableId);
                return NftApplyOutcome.Unchanged;
            }

            var load = await _nft.RunAsync(["-f", path], cancellationToken);
            if (load.ExitCode != 0)
            {
                throw Failure("nft -f could not load the table (the previous table stays in place)", load.StandardError, load.ExitCode);
            }

            LogLoaded(_logger, TableId, running is null ? "created" : "replaced");
            return NftApplyOutcome.Loaded;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The running table as <c>nft list table inet meshd</c> prints it, or null when it does not exist.</summary>
    public async Task<string?> ReadTableAsync(CancellationToken cancellationToken)
    {
        var list = await _nft.RunAsync(["list", "table", NftRenderer.Family, NftRenderer.Table], cancellationToken);
        if (list.ExitCode == 0)
        {
            return list.StandardOutput;
        }

        if (list.StandardError.Contains("No such file or directory", StringComparison.Ordinal))
        {
            return null;
        }

        throw Failure("nft could not list the meshd table", list.StandardError, list.ExitCode);
    }

    private async Task<NftApplyOutcome> RemoveAsync(CancellationToken cancellationToken)
    {
        if (await ReadTableAsync(cancellationToken) is null)
        {
            return NftApplyOutcome.Absent;
        }

        var delete = await _nft.RunAsync(["delete", "table", NftRenderer.Family, NftRenderer.Table], cancellationToken);
        if (delete.ExitCode != 0)
        {
            throw Failure("nft could not delete the meshd table", delete.StandardError, delete.ExitCode);
        }

        LogRemoved(_logger, TableId);
        return NftApplyOutcome.Removed;
    }

    private static NftException Failure(string what, string stderr, int exitCode)
    {
        var sb = new StringBuilder(what).Append(" (exit ").Append(exitCode).Append("): ").Append(stderr.Trim());
        return new NftException(sb.ToString(), stderr, exitCode);
    }

    [LoggerMessage(8001, LogLevel.Debug, "nftables table {Table} unchanged")]
    private static partial void LogUnchanged(ILogger logger, string table);

    [LoggerMessage(8002, LogLevel.Information, "nftables table {Table} {How}")]
    private static partial void LogLoaded(ILogger logger, string table, string how);

    [LoggerMessage(8003, LogLevel.Information, "nftables table {Table} removed (the plan has none)")]
    private static partial void LogRemoved(ILogger logger, string table);
}

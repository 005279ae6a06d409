using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frr;

/// <summary>
/// Applies a rendered frr.conf to an FRR instance: atomic write (0640), needed daemons switched on
/// in the daemons file (only their lines), `frr-reload.py --reload` so only the difference is applied
/// (changing one neighbour resets no other session), verification against `show running-config`.
/// FRR is restarted only when a reload cannot do it (a daemon had to be started, or the reload
/// failed), and the result says so. Not for concurrent use on one instance: call it from the single
/// reconcile loop.
/// </summary>
public sealed partial class FrrApplier
{
    private static readonly TimeSpan VerifyPause = TimeSpan.FromSeconds(1);
    private const int VerifyAttempts = 15;
    private readonly FrrInstance _instance;
    private readonly VtyshClient _vtysh;
    private readonly ILogger _logger;

    /// <summary>Creates an applier for the instance.</summary>
    public FrrApplier(FrrInstance instance, ILogger<FrrApplier>? logger = null)
    {
        _instance = instance ?? throw new ArgumentNullException(nameof(instance));
        _vtysh = new VtyshClient(instance);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The daemons a configuration needs: bgpd, plus bfdd when a peer group uses BFD, staticd for static routes.</summary>
    public static IReadOnlyList<string> RequiredDaemons(FrrConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = new List<string> { "bgpd" };
        if (config.BgpRouters.Any(r => r.NeighborGroups.Any(g => g.Bfd)))
        {
            d.Add("bfdd");
        }

        if (config.StaticRoutes.Count > 0 || config.Vrfs.Any(v => v.Routes.Count > 0))
        {
            d.Add("staticd");
        }

        return d;
    }

    /// <summary>Renders and applies a configuration model.</summary>
    public Task<FrrApplyResult> ApplyAsync(FrrConfig config, CancellationToken cancellationToken = default) =>
        ApplyAsync(FrrRenderer.Render(config), RequiredDaemons(config), cancellationToken);

    /// <summary>Applies frr.conf text, enabling <paramref name="daemons"/> (e.g. bgpd, bfdd).</summary>
    public async Task<FrrApplyResult> ApplyAsync(string configText, IEnumerable<string> daemons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configText);
        ArgumentNullException.ThrowIfNull(daemons);
        if (!configText.Contains("\nservice integrated-vtysh-config\n", StringComparison.Ordinal))
        {
            throw new FrrException(FrrErrorReason.InvalidConfig,
                "the configuration lacks `service integrated-vtysh-config`; frr-reload.py needs it (FrrRenderer always emits it)");
        }

        if (!Directory.Exists(_instance.InstanceDir))
        {
            throw new FrrException(FrrErrorReason.ToolMissing,
                $"{_instance.InstanceDir} does not exist: install the frr package (or create the pathspace directory)");
        }

        var enabled = EnableDaemons(daemons);
        // frr-reload.py rewrites a pathspace's frr.conf from the running config (`write`), so the last
        // applied text is kept beside it to tell a real change from FRR's reformatting
        var changed = await LastAppliedAsync(cancellationToken) != configText;
        if (changed)
        {
            AtomicFile.Write(_instance.ConfigPath, configText);
            LogConfigWritten(_logger, _instance.ConfigPath);
        }

        string? restartReason = null;
        var reloaded = false;
        if (enabled.Count > 0)
        {
            restartReason = $"daemons enabled ({string.Join(", ", enabled)}); a reload cannot start daemons";
        }
        else if (changed || (await MissingAsync(configText, cancellationToken)).Count > 0)
        {
            if (!changed)
            {
                AtomicFile.Write(_instance.ConfigPath, configText); // the running config drifted: apply our file again
            }

            restartReason = await ReloadAsync(cancellationToken);
            reloaded = restartReason is null;
        }

        if (restartReason is not null)
        {
            await RestartAsync(restartReason, cancellationToken);
        }

        var missing = await VerifyAsync(configText, cancellationToken);
        if (missing.Count == 0)
        {
            AtomicFile.Write(_instance.AppliedPath, configText);
        }

        return new FrrApplyResult(changed, enabled, reloaded, restartReason is not null, restartReason, missing);
    }

    private async Task<string?> LastAppliedAsync(CancellationToken cancellationToken)
    {
        foreach (var path in new[] { _instance.AppliedPath, _instance.ConfigPath })
        {
            if (File.Exists(path))
            {
                return await File.ReadAllTextAsync(path, cancellationToken);
            }
        }

        return null;
    }

    private ValueList<string> EnableDaemons(IEnumerable<string> daemons)
    {
        var path = _instance.DaemonsPath;
        if (!File.Exists(path))
        {
            throw new FrrException(FrrErrorReason.ToolMissing,
                $"{path} does not exist: install the frr package (for a pathspace copy /etc/frr/daemons there)");
        }

        var text = File.ReadAllText(path);
        var wanted = daemons.ToArray();
        var (updated, changed) = DaemonsFile.Enable(text, wanted);
        if (!changed)
        {
            return [];
        }

        var before = text.Split('\n').ToHashSet(StringComparer.Ordinal);
        var enabled = wanted.Where(d => !before.Contains(d + "=yes")).Order(StringComparer.Ordinal).ToValueList();
        AtomicFile.Write(path, updated);
        LogDaemonsEnabled(_logger, string.Join(", ", enabled), path);
        return enabled;
    }

    /// <summary>Runs frr-reload.py; returns null on success or the reason a restart is needed.</summary>
    private async Task<string?> ReloadAsync(CancellationToken cancellationToken)
    {
        var args = new List<string> { "--reload", "--stdout" };
        args.AddRange(_instance.PathspaceArgs);
        if (_instance.ConfDir != "/etc/frr")
        {
            args.AddRange(["--confdir", _instance.ConfDir]);
        }

        args.Add(_instance.ConfigPath);
        var output = await ProcessRunner.RunAsync(_instance.ReloadScript, args, _instance.CommandTimeout * 4, cancellationToken);
        if (output.Combined.Contains("vtysh failed to process new configuration", StringComparison.Ordinal))
        {
            throw new FrrException(FrrErrorReason.InvalidConfig,
                $"FRR rejected {_instance.ConfigPath}: {Tail(output.Combined)}; fix the configuration (vtysh -C -f FILE checks it)");
        }

        if (output.ExitCode == 0)
        {
            LogReloaded(_logger, _instance.ConfigPath);
            return null;
        }

        var reason = $"frr-reload.py exited {output.ExitCode}: {Tail(output.Combined)}";
        LogReloadFailed(_logger, reason);
        return reason;
    }

    private async Task RestartAsync(string reason, CancellationToken cancellationToken)
    {
        var cmd = _instance.EffectiveRestartCommand;
        LogRestarting(_logger, reason, string.Join(' ', cmd));
        var output = await ProcessRunner.RunAsync(cmd[0], cmd.Skip(1), _instance.CommandTimeout * 4, cancellationToken);
        if (output.ExitCode != 0)
        {
            throw new FrrException(FrrErrorReason.CommandFailed,
                $"restarting FRR ({string.Join(' ', cmd)}) exited {output.ExitCode}: {Tail(output.Combined)}; check `journalctl -u frr`");
        }
    }

    private async Task<ValueList<string>> MissingAsync(string configText, CancellationToken cancellationToken)
    {
        var running = await _vtysh.ShowAsync("show running-config", cancellationToken);
        return RunningConfigCheck.Missing(configText, running);
    }

    /// <summary>Checks the running config, polling while daemons come up (bounded in count and time).</summary>
    private async Task<ValueList<string>> VerifyAsync(string configText, CancellationToken cancellationToken)
    {
        ValueList<string> missing = [];
        for (var attempt = 1; attempt <= VerifyAttempts; attempt++)
        {
            try
            {
                missing = await MissingAsync(configText, cancellationToken);
                if (missing.Count == 0)
                {
                    return missing;
                }
            }
            catch (FrrException e) when (e.Reason == FrrErrorReason.NotRunning && attempt < VerifyAttempts)
            {
            }

            await Task.Delay(VerifyPause, cancellationToken);
        }

        LogVerifyMissing(_logger, missing.Count, string.Join(" | ", missing));
        return missing;
    }

    private static string Tail(string text) => text.Length > 400 ? "..." + text[^400..] : text;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "wrote {Path}")]
    private static partial void LogConfigWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "enabled FRR daemons {Daemons} in {Path}")]
    private static partial void LogDaemonsEnabled(ILogger logger, string daemons, string path);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "frr-reload.py applied {Path}")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "reload failed: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "restarting FRR ({Reason}): {Command}")]
    private static partial void LogRestarting(ILogger logger, string reason, string command);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "running config lacks {Count} wanted line(s): {Lines}")]
    private static partial void LogVerifyMissing(ILogger logger, int count, string lines);
}

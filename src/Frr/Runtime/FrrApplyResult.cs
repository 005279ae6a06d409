namespace Frr;

/// <summary>What <see cref="FrrApplier"/> did.</summary>
/// <param name="ConfigChanged">frr.conf content changed and was rewritten.</param>
/// <param name="DaemonsEnabled">Daemons switched on in the daemons file (they need a restart to start).</param>
/// <param name="Reloaded">frr-reload.py applied the difference (sessions of unchanged neighbours stay up).</param>
/// <param name="Restarted">FRR was restarted (every session reset).</param>
/// <param name="RestartReason">Why a reload was not enough, when <paramref name="Restarted"/>.</param>
/// <param name="MissingLines">Wanted lines still absent from `show running-config` afterwards (empty when verified).</param>
public sealed record FrrApplyResult(
    bool ConfigChanged,
    ValueList<string> DaemonsEnabled,
    bool Reloaded,
    bool Restarted,
    string? RestartReason,
    ValueList<string> MissingLines)
{
    /// <summary>True when the running configuration holds every line that matters.</summary>
    public bool Verified => MissingLines.Count == 0;

    /// <summary>Throws <see cref="FrrException"/> (VerifyFailed) listing the missing lines unless verified.</summary>
    public FrrApplyResult EnsureVerified() => Verified
        ? this
        : throw new FrrException(FrrErrorReason.VerifyFailed,
            $"FRR's running config lacks {MissingLines.Count} line(s) after applying: {string.Join(" | ", MissingLines)}; "
            + "check the FRR log (journalctl -u frr) for rejected commands");
}

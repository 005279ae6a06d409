using Microsoft.Extensions.Logging;

namespace ProxmoxSdn.Sync;

internal static partial class ReconcileLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "SDN {Cluster}: PVE {Version}, {Writes} writes, apply {Apply}")]
    public static partial void Planned(ILogger logger, string cluster, string version, int writes, bool apply);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "SDN {Cluster}: {Call}")]
    public static partial void Write(ILogger logger, string cluster, string call);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "SDN {Cluster}: released a lock left by a previous meshd run")]
    public static partial void StaleLockReleased(ILogger logger, string cluster);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "SDN {Cluster}: write failed, rolling back pending changes")]
    public static partial void RollingBack(ILogger logger, string cluster, Exception error);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "SDN {Cluster}: zone {Zone} on node {Node} is still {Status}")]
    public static partial void ZoneNotAvailable(ILogger logger, string cluster, string node, string zone, string status);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "SDN {Cluster}: applied (task {Upid})")]
    public static partial void Applied(ILogger logger, string cluster, string upid);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "SDN {Cluster}: our stored lock token is no longer valid (lock released or taken over); forgetting it")]
    public static partial void StaleTokenForgotten(ILogger logger, string cluster);
}

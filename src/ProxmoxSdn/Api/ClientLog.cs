using Microsoft.Extensions.Logging;

namespace ProxmoxSdn.Api;

internal static partial class ClientLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "PVE {Method} {Path} -> {Status}")]
    public static partial void Response(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "PVE {Method} {Path} attempt {Attempt}/{Max} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, int max, string reason, long delayMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error,
        Message = "PVE server certificate fingerprint {Presented} does not match the pinned {Pinned}")]
    public static partial void PinMismatch(ILogger logger, string presented, string pinned);
}

using System.Net;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Ddns;

/// <summary>DDNS log messages (event ids 6001-6099). Each is written once per state transition, never per retry.</summary>
internal static partial class DdnsLog
{
    [LoggerMessage(6001, LogLevel.Information, "DDNS {Label}: {HostName} resolves to {Address} (TTL {TtlSeconds} s)")]
    public static partial void FirstAnswer(ILogger logger, string label, string hostName, IPAddress address, double ttlSeconds);

    [LoggerMessage(6002, LogLevel.Information, "DDNS {Label}: {HostName} moved from {OldAddress} to {NewAddress} (TTL {TtlSeconds} s)")]
    public static partial void AddressChanged(ILogger logger, string label, string hostName, IPAddress oldAddress, IPAddress newAddress, double ttlSeconds);

    [LoggerMessage(6003, LogLevel.Information, "DDNS {Label}: peer endpoint set {OldEndpoint} -> {NewEndpoint} ({Reason})")]
    public static partial void EndpointApplied(ILogger logger, string label, string oldEndpoint, IPEndPoint newEndpoint, EndpointReason reason);

    [LoggerMessage(6004, LogLevel.Information, "DDNS {Label}: peer roamed to {Current} with fresh handshakes; DNS answer {Dns} not applied")]
    public static partial void RoamingKept(ILogger logger, string label, IPEndPoint current, IPEndPoint dns);

    [LoggerMessage(6005, LogLevel.Warning, "DDNS {Label}: resolving {HostName} failed ({Outcome}: {Error}); keeping {Kept}, retrying with backoff")]
    public static partial void ResolutionFailing(ILogger logger, string label, string hostName, DnsOutcome outcome, string error, string kept);

    [LoggerMessage(6006, LogLevel.Information, "DDNS {Label}: {HostName} resolves again after {Failures} failed attempts")]
    public static partial void ResolutionRecovered(ILogger logger, string label, string hostName, int failures);

    [LoggerMessage(6007, LogLevel.Warning, "DDNS {Label}: cannot read or set the peer endpoint through the dataplane: {Error}")]
    public static partial void ControlFailing(ILogger logger, string label, string error);

    [LoggerMessage(6010, LogLevel.Information, "DDNS {Label}: the WireGuard dataplane answers again")]
    public static partial void ControlRecovered(ILogger logger, string label);

    [LoggerMessage(6008, LogLevel.Warning, "DDNS {Label}: peer is not configured on the WireGuard device; endpoint {Endpoint} not applied until it is")]
    public static partial void PeerAbsent(ILogger logger, string label, IPEndPoint endpoint);

    [LoggerMessage(6009, LogLevel.Debug, "DDNS {Label}: {HostName} unchanged ({Address}); next lookup in {Delay}")]
    public static partial void Unchanged(ILogger logger, string label, string hostName, IPAddress address, TimeSpan delay);
}

using Microsoft.Extensions.Logging;

namespace Netlink.Rtnl;

/// <summary>Log messages of the Ensure operations (event ids 4100-4199): every change sent to the kernel.</summary>
internal static partial class RtnlLog
{
    [LoggerMessage(4101, LogLevel.Information, "created {Kind} link {Name}")]
    public static partial void LinkCreated(this ILogger logger, string kind, string name);

    [LoggerMessage(4102, LogLevel.Information, "changed link {Name}: {Changes}")]
    public static partial void LinkChanged(this ILogger logger, string name, LinkChanges changes);

    [LoggerMessage(4103, LogLevel.Warning, "recreated link {Name}: kernel has {Current}, wanted {Desired} (cannot change in place)")]
    public static partial void LinkRecreated(this ILogger logger, string name, LinkKind? current, LinkKind desired);

    [LoggerMessage(4104, LogLevel.Information, "added address {Address}/{PrefixLength} to {Device}")]
    public static partial void AddressAdded(this ILogger logger, string device, System.Net.IPAddress address, int prefixLength);

    [LoggerMessage(4105, LogLevel.Information, "added route {Route}")]
    public static partial void RouteAdded(this ILogger logger, Route route);

    [LoggerMessage(4106, LogLevel.Information, "replaced route {Old} with {Route}")]
    public static partial void RouteReplaced(this ILogger logger, Route old, Route route);

    [LoggerMessage(4107, LogLevel.Information, "removed stale route {Route}")]
    public static partial void RouteRemoved(this ILogger logger, Route route);

    [LoggerMessage(4108, LogLevel.Information, "added FDB entry {Mac} dst {Destination} on link #{Index}")]
    public static partial void FdbAdded(this ILogger logger, int index, System.Net.NetworkInformation.PhysicalAddress mac, System.Net.IPAddress? destination);
}

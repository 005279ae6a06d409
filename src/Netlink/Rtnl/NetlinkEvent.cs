namespace Netlink.Rtnl;

/// <summary>A change the kernel announced on a monitored group.</summary>
public abstract record NetlinkEvent;

/// <summary>A link appeared, changed (state, MTU, master ...) or disappeared.</summary>
public sealed record LinkEvent(bool Removed, LinkInfo Link) : NetlinkEvent;

/// <summary>An address was added or removed.</summary>
public sealed record AddressEvent(bool Removed, InterfaceAddress Address) : NetlinkEvent;

/// <summary>A route was added or removed.</summary>
public sealed record RouteEvent(bool Removed, Route Route) : NetlinkEvent;

/// <summary>The socket buffer overflowed and events were lost: re-read the full state.</summary>
public sealed record EventsLost : NetlinkEvent;

/// <summary>Groups a <see cref="NetlinkMonitor"/> can subscribe to.</summary>
[Flags]
public enum MonitorGroups
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>RTNLGRP_LINK.</summary>
    Links = 1,

    /// <summary>RTNLGRP_IPV4_IFADDR and RTNLGRP_IPV6_IFADDR.</summary>
    Addresses = 2,

    /// <summary>RTNLGRP_IPV4_ROUTE and RTNLGRP_IPV6_ROUTE.</summary>
    Routes = 4,

    /// <summary>Links, addresses and routes.</summary>
    All = Links | Addresses | Routes,
}

namespace Netlink;

/// <summary>Netlink protocols (socket protocol numbers) this library speaks.</summary>
public enum NetlinkProtocol
{
    /// <summary>NETLINK_ROUTE: links, addresses, routes, neighbours.</summary>
    Route = 0,

    /// <summary>NETLINK_GENERIC: generic netlink families such as WireGuard.</summary>
    Generic = 16,
}

/// <summary>Receives one netlink message during a request or a dump.</summary>
public delegate void MessageVisitor(in Wire.NetlinkMessage message);

using System.Net.Sockets;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <content>Routes.</content>
public sealed partial class RtnlClient
{
    /// <summary>
    /// Routes of one family (or both), optionally only those in <paramref name="table"/> and/or carrying the
    /// origin marker <paramref name="protocol"/>. Cached clones are skipped.
    /// </summary>
    public IReadOnlyList<Route> ListRoutes(AddressFamily? family = null, uint? table = null, byte? protocol = null)
    {
        var result = new List<Route>();
        foreach (var f in family is null ? [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6] : new[] { family.Value })
        {
            using var w = new NetlinkWriter(Rt.GetRoute, Nl.FDump);
            w.Write(new RtMsg { Family = FamilyByte(f) });
            result.AddRange(Socket.Dump(w, "listing routes", m => RouteCodec.Decode(m) is { } r &&
                (table is null || r.Table == table) && (protocol is null || r.Protocol == protocol) ? r : null));
        }

        return result;
    }

    /// <summary>Adds a route; throws <see cref="AlreadyExistsException"/> when one with the same key exists.</summary>
    public void AddRoute(Route route) => RouteRequest(Rt.NewRoute, Nl.FCreate | Nl.FExcl, route, $"adding route {route}");

    /// <summary>Adds or replaces the route with the same key (table, destination, metric).</summary>
    public void ReplaceRoute(Route route) => RouteRequest(Rt.NewRoute, Nl.FCreate | Nl.FReplace, route, $"replacing route {route}");

    /// <summary>Deletes a route (matching its table, destination, metric, type and protocol marker).</summary>
    public void DeleteRoute(Route route) => RouteRequest(Rt.DelRoute, 0, route, $"deleting route {route}", delete: true);

    private void RouteRequest(ushort type, ushort flags, Route route, string what, bool delete = false)
    {
        ArgumentNullException.ThrowIfNull(route);
        using var w = new NetlinkWriter(type, (ushort)(Nl.FAck | flags));
        RouteCodec.Write(w, route, delete);
        Socket.Execute(w, what);
    }
}

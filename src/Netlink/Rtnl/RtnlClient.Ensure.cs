using System.Net;

namespace Netlink.Rtnl;

/// <content>Idempotent "ensure" operations: compare with what the kernel reports, change only the difference.</content>
public sealed partial class RtnlClient
{
    /// <summary>
    /// Makes the named link match <paramref name="desired"/>. A missing link is created; a link of another
    /// kind is refused (it is not ours); kind settings that cannot change in place (VNI, local address,
    /// port, VRF table) recreate the link; MTU, state, master, alias and bridge-port options change in place.
    /// </summary>
    public EnsureResult EnsureLink(LinkSpec desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        desired.Validate();
        var current = TryGetLink(desired.Name);
        if (current is null)
        {
            CreateLink(desired);
            _log.LinkCreated(desired.Kind.Name, desired.Name);
            return EnsureResult.Created;
        }

        if (current.Kind?.Name != desired.Kind.Name)
        {
            throw new AlreadyExistsException(
                Errno.EEXIST,
                $"link {desired.Name} exists with kind '{current.Kind?.Name ?? "none"}', not '{desired.Kind.Name}'; delete it (ip link del {desired.Name}) or choose another name");
        }

        if (!KindSettingsMatch(current.Kind, desired.Kind))
        {
            DeleteLink(desired.Name);
            CreateLink(desired);
            _log.LinkRecreated(desired.Name, current.Kind, desired.Kind);
            return EnsureResult.Changed;
        }

        var changes = Difference(current, desired);
        if (changes.IsEmpty)
        {
            return EnsureResult.Unchanged;
        }

        // Enslave first: bridge-port options only exist once the link has a bridge master.
        if (changes.MasterIndex is not null && changes.BridgePort is not null)
        {
            ChangeLink(desired.Name, changes with { BridgePort = null });
            ChangeLink(desired.Name, new LinkChanges { BridgePort = changes.BridgePort });
        }
        else
        {
            ChangeLink(desired.Name, changes);
        }

        _log.LinkChanged(desired.Name, changes);
        return EnsureResult.Changed;
    }

    /// <summary>Adds the address unless the link already has it (same address, prefix and peer).</summary>
    public EnsureResult EnsureAddress(string device, IPAddress address, int prefixLength, IPAddress? peer = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var index = IndexOf(device);
        var wanted = new InterfaceAddress(index, address, prefixLength) { Peer = peer };
        if (ListAddresses(address.AddressFamily, index).Contains(wanted))
        {
            return EnsureResult.Unchanged;
        }

        AddAddress(device, address, prefixLength, peer);
        _log.AddressAdded(device, address, prefixLength);
        return EnsureResult.Created;
    }

    /// <summary>Adds the route, replaces a differing route with the same key, or does nothing.</summary>
    public EnsureResult EnsureRoute(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var existing = ListRoutes(route.Destination.BaseAddress.AddressFamily, route.Table)
            .FirstOrDefault(r => r.Key == route.Key);
        if (existing is not null && route.SameAs(existing))
        {
            return EnsureResult.Unchanged;
        }

        ReplaceRoute(route);
        LogRoute(existing, route);
        return existing is null ? EnsureResult.Created : EnsureResult.Changed;
    }

    /// <summary>
    /// Makes the routes carrying <paramref name="protocol"/> exactly <paramref name="desired"/>: adds and
    /// replaces what differs and deletes routes with that marker that are not desired. Routes with any
    /// other marker are never touched.
    /// </summary>
    public RouteSyncResult SyncRoutes(IReadOnlyCollection<Route> desired, byte protocol = RouteProtocol.Meshd)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (desired.FirstOrDefault(r => r.Protocol != protocol) is { } foreign)
        {
            throw new ArgumentException($"route {foreign} does not carry protocol marker {protocol}; SyncRoutes manages one marker at a time");
        }

        var current = ListRoutes(protocol: protocol).ToLookup(r => r.Key);
        var wantedKeys = desired.Select(r => r.Key).ToHashSet();
        int created = 0, changed = 0, unchanged = 0, removed = 0;
        foreach (var r in desired)
        {
            var existing = current[r.Key].FirstOrDefault();
            if (existing is not null && r.SameAs(existing))
            {
                unchanged++;
                continue;
            }

            ReplaceRoute(r);
            LogRoute(existing, r);
            _ = existing is null ? created++ : changed++;
        }

        foreach (var stale in current.SelectMany(g => g).Where(r => !wantedKeys.Contains(r.Key)))
        {
            DeleteRoute(stale);
            _log.RouteRemoved(stale);
            removed++;
        }

        return new RouteSyncResult(created, changed, unchanged, removed);
    }

    /// <summary>Appends the FDB entry unless an identical one (device, MAC, destination) exists.</summary>
    public EnsureResult EnsureFdb(FdbEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (ListFdb(entry.Index).Any(e => entry.SameAs(e)))
        {
            return EnsureResult.Unchanged;
        }

        AppendFdb(entry);
        _log.FdbAdded(entry.Index, entry.Mac, entry.Destination);
        return EnsureResult.Created;
    }

    private void LogRoute(Route? old, Route route)
    {
        if (old is null)
        {
            _log.RouteAdded(route);
        }
        else
        {
            _log.RouteReplaced(old, route);
        }
    }

    private LinkChanges Difference(LinkInfo current, LinkSpec desired)
    {
        var c = new LinkChanges();
        if (desired.Mtu is { } mtu && mtu != current.Mtu)
        {
            c = c with { Mtu = mtu };
        }

        if (desired.Up is { } up && up != current.Up)
        {
            c = c with { Up = up };
        }

        if (desired.Master is { } master)
        {
            var masterIndex = master.Length == 0 ? 0 : IndexOf(master);
            if (masterIndex != (current.MasterIndex ?? 0))
            {
                c = c with { MasterIndex = masterIndex };
            }
        }

        if (desired.Alias is { } alias && alias != (current.Alias ?? string.Empty))
        {
            c = c with { Alias = alias };
        }

        if (desired.BridgePort is { } port && (c.MasterIndex is not null || current.BridgePort is null || !current.BridgePort.Satisfies(port)))
        {
            c = c with { BridgePort = port };
        }

        return c;
    }

    private static bool KindSettingsMatch(LinkKind? current, LinkKind desired) => (current, desired) switch
    {
        (VxlanKind c, VxlanKind d) => c == d,
        (VrfKind c, VrfKind d) => c.Table == d.Table,
        _ => true,
    };
}

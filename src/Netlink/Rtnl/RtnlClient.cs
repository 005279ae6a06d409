using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netlink.Interop;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>
/// rtnetlink operations (links, addresses, routes, neighbours, FDB) over one NETLINK_ROUTE socket,
/// optionally inside a named network namespace. Thread-safe; calls are synchronous kernel round trips.
/// </summary>
public sealed partial class RtnlClient : IDisposable
{
    private readonly ILogger _log;

    private RtnlClient(NetlinkSocket socket, ILogger log) => (Socket, _log) = (socket, log);

    /// <summary>The underlying socket.</summary>
    public NetlinkSocket Socket { get; }

    /// <summary>
    /// Opens a client in the caller's namespace or in the named one (/var/run/netns/NAME). Ensure operations
    /// log every change they send to <paramref name="logger"/>.
    /// </summary>
    public static RtnlClient Open(string? netns = null, ILogger? logger = null) =>
        new(NetlinkSocket.Open(NetlinkProtocol.Route, netns), logger ?? NullLogger.Instance);

    /// <summary>Closes the socket.</summary>
    public void Dispose() => Socket.Dispose();

    /// <summary>Every link in the namespace; veth peers in the same namespace get their peer name filled in.</summary>
    public IReadOnlyList<LinkInfo> ListLinks()
    {
        using var w = new NetlinkWriter(Rt.GetLink, Nl.FDump);
        w.Write(new IfInfoMsg());
        var links = Socket.Dump(w, "listing links", m => LinkDecoder.Decode(m));
        var names = links.ToDictionary(l => l.Index, l => l.Name);
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is { Kind: VethKind, LinkIndex: { } peer } veth && names.TryGetValue(peer, out var peerName))
            {
                links[i] = veth with { Kind = new VethKind(peerName) };
            }
        }

        return links;
    }

    /// <summary>The named link, or null when it does not exist.</summary>
    public LinkInfo? TryGetLink(string name)
    {
        LinkNames.Validate(name, "link name");
        using var w = new NetlinkWriter(Rt.GetLink, Nl.FAck);
        w.Write(new IfInfoMsg());
        w.PutString(Rt.IflaIfName, name);
        LinkInfo? found = null;
        try
        {
            Socket.Query(w, $"reading link {name}", (in m) => found ??= LinkDecoder.Decode(m));
        }
        catch (NoSuchDeviceException)
        {
            return null;
        }

        return found;
    }

    /// <summary>The named link; throws <see cref="NoSuchDeviceException"/> when absent.</summary>
    public LinkInfo GetLink(string name) => TryGetLink(name)
        ?? throw new NoSuchDeviceException(Errno.ENODEV, $"link '{name}' does not exist; create it first (EnsureLink) or check the name with `ip link`");

    /// <summary>Interface index of the named link.</summary>
    public int IndexOf(string name) => GetLink(name).Index;

    /// <summary>Creates a link; throws <see cref="AlreadyExistsException"/> if the name is taken.</summary>
    public void CreateLink(LinkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var master = spec.Master is { Length: > 0 } m ? IndexOf(m) : 0;
        var peerNs = spec.Kind is VethKind { PeerNamespace: { } ns } ? NetNamespace.OpenFd(ns) : (int?)null;
        try
        {
            using var w = new NetlinkWriter(Rt.NewLink, Nl.FAck | Nl.FCreate | Nl.FExcl);
            LinkCodec.WriteCreate(w, spec, master, peerNs);
            Socket.Execute(w, $"creating {spec.Kind.Name} link {spec.Name}");
        }
        catch (NotSupportedByKernelException e)
        {
            throw UnsupportedKind(spec, e);
        }
        finally
        {
            if (peerNs is { } fd)
            {
                _ = Native.Close(fd);
            }
        }

        // The kernel ignores IFLA_IFALIAS and bridge-port data on creation: apply them in a second request.
        var after = new LinkChanges { Alias = spec.Alias is { Length: > 0 } ? spec.Alias : null, BridgePort = spec.BridgePort };
        ChangeLink(spec.Name, after);
    }

    /// <summary>Applies <paramref name="changes"/> to the named link in one request.</summary>
    public void ChangeLink(string name, LinkChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        var index = IndexOf(name);
        using var w = new NetlinkWriter(Rt.NewLink, Nl.FAck);
        LinkCodec.WriteChange(w, index, changes);
        Socket.Execute(w, $"changing link {name}");
    }

    /// <summary>Deletes the named link (a veth deletes its peer too).</summary>
    public void DeleteLink(string name)
    {
        var index = IndexOf(name);
        using var w = new NetlinkWriter(Rt.DelLink, Nl.FAck);
        w.Write(new IfInfoMsg { Index = index });
        Socket.Execute(w, $"deleting link {name}");
    }

    /// <summary>Sets the administrative state.</summary>
    public void SetUp(string name, bool up) => ChangeLink(name, new LinkChanges { Up = up });

    /// <summary>Sets the MTU.</summary>
    public void SetMtu(string name, uint mtu) => ChangeLink(name, new LinkChanges { Mtu = mtu });

    /// <summary>Enslaves the link to <paramref name="master"/>, or releases it when null.</summary>
    public void SetMaster(string name, string? master) =>
        ChangeLink(name, new LinkChanges { MasterIndex = master is null ? 0 : IndexOf(master) });

    /// <summary>Sets the alias; null or empty removes it.</summary>
    public void SetAlias(string name, string? alias) => ChangeLink(name, new LinkChanges { Alias = alias ?? string.Empty });

    /// <summary>Sets bridge-port options on an enslaved link.</summary>
    public void SetBridgePort(string name, BridgePortSettings settings) => ChangeLink(name, new LinkChanges { BridgePort = settings });

    /// <summary>Moves the link into the named namespace (/var/run/netns/NAME).</summary>
    public void MoveToNamespace(string name, string netns)
    {
        var fd = NetNamespace.OpenFd(netns);
        try
        {
            ChangeLink(name, new LinkChanges { NamespaceFd = fd });
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    private static NotSupportedByKernelException UnsupportedKind(LinkSpec spec, NotSupportedByKernelException e) => spec.Kind switch
    {
        WireGuardKind => new NotSupportedByKernelException(
            e.Errno, $"cannot create wireguard link {spec.Name}: the kernel has no 'wireguard' module; use the userspace dataplane (mesh-wg) or load the module (modprobe wireguard)", e.KernelMessage),
        VrfKind => new NotSupportedByKernelException(
            e.Errno, $"cannot create vrf link {spec.Name}: this kernel has no VRF support (CONFIG_NET_VRF); load the vrf module or run without VRFs", e.KernelMessage),
        _ => new NotSupportedByKernelException(
            e.Errno, $"cannot create {spec.Kind.Name} link {spec.Name}: this kernel does not support the kind (load its module, e.g. modprobe {spec.Kind.Name})", e.KernelMessage),
    };
}

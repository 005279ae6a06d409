using System.Net;
using System.Net.Sockets;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <content>Addresses.</content>
public sealed partial class RtnlClient
{
    /// <summary>Addresses in the namespace, optionally only those of one family or one link.</summary>
    public IReadOnlyList<InterfaceAddress> ListAddresses(AddressFamily? family = null, int? index = null)
    {
        using var w = new NetlinkWriter(Rt.GetAddr, Nl.FDump);
        w.Write(new IfAddrMsg { Family = FamilyByte(family) });
        var all = Socket.Dump(w, "listing addresses", m => AddressCodec.Decode(m));
        return index is null ? all : all.FindAll(a => a.Index == index);
    }

    /// <summary>Adds an address to the named link.</summary>
    public void AddAddress(string device, IPAddress address, int prefixLength, IPAddress? peer = null) =>
        AddressRequest(Rt.NewAddr, Nl.FCreate | Nl.FExcl, new InterfaceAddress(IndexOf(device), address, prefixLength) { Peer = peer }, $"adding {address}/{prefixLength} to {device}");

    /// <summary>Deletes an address from the named link.</summary>
    public void DeleteAddress(string device, IPAddress address, int prefixLength, IPAddress? peer = null) =>
        AddressRequest(Rt.DelAddr, 0, new InterfaceAddress(IndexOf(device), address, prefixLength) { Peer = peer }, $"deleting {address}/{prefixLength} from {device}");

    private void AddressRequest(ushort type, ushort flags, InterfaceAddress a, string what)
    {
        using var w = new NetlinkWriter(type, (ushort)(Nl.FAck | flags));
        AddressCodec.Write(w, a);
        Socket.Execute(w, what);
    }

    private static byte FamilyByte(AddressFamily? family) => family switch
    {
        null => Rt.AfUnspec,
        AddressFamily.InterNetwork => Rt.AfInet,
        AddressFamily.InterNetworkV6 => Rt.AfInet6,
        _ => throw new ArgumentException($"address family {family} is not IPv4 or IPv6", nameof(family)),
    };
}

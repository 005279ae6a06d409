using System.Net;
using System.Net.Sockets;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>An address on an interface: address/prefix and, for point-to-point links, the peer.</summary>
public sealed record InterfaceAddress(int Index, IPAddress Address, int PrefixLength)
{
    /// <summary>Peer address of a point-to-point address, or null.</summary>
    public IPAddress? Peer { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Address}/{PrefixLength}" + (Peer is null ? string.Empty : $" peer {Peer}") + $" dev #{Index}";
}

/// <summary>Encodes and decodes address messages (ifaddrmsg + IFA_*).</summary>
public static class AddressCodec
{
    /// <summary>Writes the body of an RTM_NEWADDR/RTM_DELADDR request.</summary>
    public static void Write(NetlinkWriter w, InterfaceAddress a)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        var v6 = a.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var max = v6 ? 128 : 32;
        if (a.PrefixLength < 0 || a.PrefixLength > max)
        {
            throw new ArgumentException($"address {a.Address}/{a.PrefixLength}: prefix length must be 0..{max}");
        }

        if (a.Peer is { } p && p.AddressFamily != a.Address.AddressFamily)
        {
            throw new ArgumentException($"address {a.Address}: peer {p} is of another address family");
        }

        w.Write(new IfAddrMsg { Family = v6 ? Rt.AfInet6 : Rt.AfInet, PrefixLength = (byte)a.PrefixLength, Index = (uint)a.Index });
        w.PutAddress(Rt.IfaLocal, a.Address);
        w.PutAddress(Rt.IfaAddress, a.Peer ?? a.Address);
    }

    /// <summary>Decodes an RTM_NEWADDR/RTM_DELADDR message; null for other types.</summary>
    public static InterfaceAddress? Decode(in NetlinkMessage m)
    {
        if (m.Type is not (Rt.NewAddr or Rt.DelAddr))
        {
            return null;
        }

        var hdr = m.FamilyHeader<IfAddrMsg>();
        IPAddress? local = null, address = null;
        foreach (var a in m.Attributes<IfAddrMsg>())
        {
            switch (a.Type)
            {
                case Rt.IfaLocal: local = a.Address(); break;
                case Rt.IfaAddress: address = a.Address(); break;
            }
        }

        var own = local ?? address;
        if (own is null)
        {
            return null;
        }

        return new InterfaceAddress((int)hdr.Index, own, hdr.PrefixLength)
        {
            Peer = address is not null && !address.Equals(own) ? address : null,
        };
    }
}

using System.Net;
using System.Net.NetworkInformation;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>
/// A bridge forwarding-database entry (AF_BRIDGE neighbour). On a VXLAN device the all-zero MAC with a
/// <see cref="Destination"/> is a flood (BUM) entry; several are added with NLM_F_APPEND, one per remote VTEP.
/// </summary>
public sealed record FdbEntry(int Index, PhysicalAddress Mac)
{
    /// <summary>The all-zero MAC used for VXLAN flood entries.</summary>
    public static PhysicalAddress ZeroMac { get; } = new(new byte[6]);

    /// <summary>Remote VTEP address (VXLAN).</summary>
    public IPAddress? Destination { get; init; }

    /// <summary>VNI override (NDA_VNI), or null.</summary>
    public uint? Vni { get; init; }

    /// <summary>NTF_* flags; NTF_SELF addresses the device's own table (as `bridge fdb ... self`).</summary>
    public byte Flags { get; init; } = Rt.NtfSelf;

    /// <summary>NUD_* state; permanent by default.</summary>
    public ushort State { get; init; } = Rt.NudPermanent;

    /// <summary>Master bridge index (read back).</summary>
    public int? MasterIndex { get; init; }

    /// <summary>True when <paramref name="other"/> is the same entry (device, MAC, destination, VNI).</summary>
    public bool SameAs(FdbEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Index == other.Index && Mac.Equals(other.Mac) && Equals(Destination, other.Destination) && (Vni is null || Vni == other.Vni);
    }
}

/// <summary>An IPv4 ARP / IPv6 ND neighbour entry.</summary>
public sealed record Neighbour(int Index, IPAddress Address)
{
    /// <summary>Link-layer address.</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>NUD_* state; permanent by default.</summary>
    public ushort State { get; init; } = Rt.NudPermanent;
}

/// <summary>Encodes and decodes neighbour and FDB messages (ndmsg + NDA_*).</summary>
public static class NeighbourCodec
{
    /// <summary>Writes an FDB request body.</summary>
    public static void Write(NetlinkWriter w, FdbEntry e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.Write(new NdMsg { Family = Rt.AfBridge, Index = e.Index, State = e.State, Flags = e.Flags });
        w.Put(Rt.NdaLladdr, e.Mac.GetAddressBytes());
        if (e.Destination is { } dst)
        {
            w.PutAddress(Rt.NdaDst, dst);
        }

        if (e.Vni is { } vni)
        {
            w.PutU32(Rt.NdaVni, vni);
        }
    }

    /// <summary>Writes a neighbour request body.</summary>
    public static void Write(NetlinkWriter w, Neighbour n)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(n);
        var v6 = n.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        w.Write(new NdMsg { Family = v6 ? Rt.AfInet6 : Rt.AfInet, Index = n.Index, State = n.State });
        w.PutAddress(Rt.NdaDst, n.Address);
        if (n.Mac is { } mac)
        {
            w.Put(Rt.NdaLladdr, mac.GetAddressBytes());
        }
    }

    /// <summary>Decodes an AF_BRIDGE neighbour message; null for anything else.</summary>
    public static FdbEntry? DecodeFdb(in NetlinkMessage m)
    {
        if (m.Type is not (Rt.NewNeigh or Rt.DelNeigh) || m.FamilyHeader<NdMsg>() is not { Family: Rt.AfBridge } hdr)
        {
            return null;
        }

        var e = new FdbEntry(hdr.Index, ZeroMacCopy()) { Flags = hdr.Flags, State = hdr.State };
        foreach (var a in m.Attributes<NdMsg>())
        {
            e = a.Type switch
            {
                Rt.NdaLladdr => e with { Mac = a.Mac() },
                Rt.NdaDst => e with { Destination = a.Address() },
                Rt.NdaVni => e with { Vni = a.U32() },
                Rt.NdaMaster => e with { MasterIndex = a.S32() },
                _ => e,
            };
        }

        return e;
    }

    /// <summary>Decodes an AF_INET/AF_INET6 neighbour message; null for anything else.</summary>
    public static Neighbour? DecodeNeighbour(in NetlinkMessage m)
    {
        if (m.Type is not (Rt.NewNeigh or Rt.DelNeigh) || m.FamilyHeader<NdMsg>() is not { Family: Rt.AfInet or Rt.AfInet6 } hdr)
        {
            return null;
        }

        IPAddress? ip = null;
        PhysicalAddress? mac = null;
        foreach (var a in m.Attributes<NdMsg>())
        {
            switch (a.Type)
            {
                case Rt.NdaDst: ip = a.Address(); break;
                case Rt.NdaLladdr: mac = a.Mac(); break;
            }
        }

        return ip is null ? null : new Neighbour(hdr.Index, ip) { Mac = mac, State = hdr.State };
    }

    private static PhysicalAddress ZeroMacCopy() => new(new byte[6]);
}

using System.Net.NetworkInformation;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>Decodes RTM_NEWLINK messages into <see cref="LinkInfo"/>.</summary>
public static class LinkDecoder
{
    /// <summary>Decodes one link message; returns null for other message types.</summary>
    public static LinkInfo? Decode(in NetlinkMessage m)
    {
        if (m.Type is not (Rt.NewLink or Rt.DelLink))
        {
            return null;
        }

        var hdr = m.FamilyHeader<IfInfoMsg>();
        string name = string.Empty;
        string? alias = null;
        uint mtu = 0;
        int? master = null, link = null;
        PhysicalAddress? mac = null;
        LinkKind? kind = null;
        BridgePortSettings? port = null;
        foreach (var a in m.Attributes<IfInfoMsg>())
        {
            switch (a.Type)
            {
                case Rt.IflaIfName: name = a.String(); break;
                case Rt.IflaMtu: mtu = a.U32(); break;
                case Rt.IflaMaster: master = a.S32(); break;
                case Rt.IflaLink: link = a.S32(); break;
                case Rt.IflaIfAlias: alias = a.String(); break;
                case Rt.IflaAddress: mac = a.Mac(); break;
                case Rt.IflaLinkInfo: (kind, port) = DecodeLinkInfo(a.Nested()); break;
            }
        }

        return new LinkInfo(hdr.Index, name, kind)
        {
            Mtu = mtu,
            Up = (hdr.Flags & Rt.IffUp) != 0,
            LowerUp = (hdr.Flags & Rt.IffLowerUp) != 0,
            MasterIndex = master is > 0 ? master : null,
            Alias = string.IsNullOrEmpty(alias) ? null : alias,
            Mac = mac,
            LinkIndex = link is > 0 && link != hdr.Index ? link : null,
            BridgePort = port,
        };
    }

    private static (LinkKind? Kind, BridgePortSettings? Port) DecodeLinkInfo(AttributeReader info)
    {
        string? kindName = null, slaveKind = null;
        VxlanKind? vxlan = null;
        uint? vrfTable = null;
        BridgePortSettings? port = null;
        foreach (var a in info)
        {
            switch (a.Type)
            {
                case Rt.InfoKind: kindName = a.String(); break;
                case Rt.InfoSlaveKind: slaveKind = a.String(); break;
                case Rt.InfoData:
                    // The data layout depends on the kind, which the kernel always sends first.
                    if (kindName == "vxlan")
                    {
                        vxlan = DecodeVxlan(a.Nested());
                    }
                    else if (kindName == "vrf")
                    {
                        vrfTable = DecodeVrf(a.Nested());
                    }

                    break;
                case Rt.InfoSlaveData when slaveKind == "bridge":
                    port = DecodeBridgePort(a.Nested());
                    break;
            }
        }

        LinkKind? kind = kindName switch
        {
            null => null,
            "vxlan" => vxlan ?? new VxlanKind(0),
            "bridge" => new BridgeKind(),
            "dummy" => new DummyKind(),
            "veth" => new VethKind(string.Empty),
            "vrf" => new VrfKind(vrfTable ?? 0),
            "wireguard" => new WireGuardKind(),
            _ => new OtherKind(kindName),
        };
        return (kind, port);
    }

    private static VxlanKind DecodeVxlan(AttributeReader data)
    {
        var v = new VxlanKind(0);
        foreach (var a in data)
        {
            v = a.Type switch
            {
                Rt.VxlanId => v with { Vni = a.U32() },
                Rt.VxlanLocal or Rt.VxlanLocal6 => v with { Local = a.Address() },
                Rt.VxlanPort => v with { Port = a.Be16() },
                Rt.VxlanLearning => v with { Learning = a.U8() != 0 },
                Rt.VxlanTtl => v with { Ttl = a.U8() },
                _ => v,
            };
        }

        return v;
    }

    private static uint? DecodeVrf(AttributeReader data)
    {
        foreach (var a in data)
        {
            if (a.Type == Rt.VrfTable)
            {
                return a.U32();
            }
        }

        return null;
    }

    private static BridgePortSettings DecodeBridgePort(AttributeReader data)
    {
        var p = new BridgePortSettings();
        foreach (var a in data)
        {
            p = a.Type switch
            {
                Rt.BrportLearning => p with { Learning = a.U8() != 0 },
                Rt.BrportNeighSuppress => p with { NeighSuppress = a.U8() != 0 },
                _ => p,
            };
        }

        return p;
    }
}

using System.Net.Sockets;
using Netlink.Wire;

namespace Netlink.Rtnl;

/// <summary>Encodes link requests and decodes RTM_NEWLINK messages (pure, no I/O).</summary>
public static class LinkCodec
{
    /// <summary>
    /// Writes an RTM_NEWLINK create request body for <paramref name="spec"/>. <paramref name="masterIndex"/>
    /// is the resolved master (0 = none); <paramref name="peerNamespaceFd"/> an open netns fd for a veth peer.
    /// </summary>
    public static void WriteCreate(NetlinkWriter w, LinkSpec spec, int masterIndex, int? peerNamespaceFd)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(spec);
        var up = spec.Up == true;
        w.Write(new IfInfoMsg { Family = Rt.AfUnspec, Flags = up ? Rt.IffUp : 0, Change = up ? Rt.IffUp : 0 });
        w.PutString(Rt.IflaIfName, spec.Name);
        if (spec.Mtu is { } mtu)
        {
            w.PutU32(Rt.IflaMtu, mtu);
        }

        if (masterIndex > 0)
        {
            w.PutU32(Rt.IflaMaster, (uint)masterIndex);
        }

        var info = w.BeginNested(Rt.IflaLinkInfo);
        w.PutString(Rt.InfoKind, spec.Kind.Name);
        WriteKindData(w, spec.Kind, peerNamespaceFd);
        w.EndNested(info);
    }

    /// <summary>Writes an RTM_NEWLINK change request body for an existing link (only the set arguments).</summary>
    public static void WriteChange(NetlinkWriter w, int index, LinkChanges c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        var msg = new IfInfoMsg { Family = Rt.AfUnspec, Index = index };
        if (c.Up is { } up)
        {
            msg.Flags = up ? Rt.IffUp : 0;
            msg.Change = Rt.IffUp;
        }

        w.Write(msg);
        if (c.Mtu is { } mtu)
        {
            w.PutU32(Rt.IflaMtu, mtu);
        }

        if (c.MasterIndex is { } master)
        {
            w.PutU32(Rt.IflaMaster, (uint)master);
        }

        if (c.Alias is { } alias)
        {
            if (alias.Length == 0)
            {
                w.Put(Rt.IflaIfAlias, []); // zero length removes the alias
            }
            else
            {
                w.PutString(Rt.IflaIfAlias, alias);
            }
        }

        if (c.NamespaceFd is { } fd)
        {
            w.PutU32(Rt.IflaNetNsFd, (uint)fd);
        }

        if (c.BridgePort is { } port)
        {
            var info = w.BeginNested(Rt.IflaLinkInfo);
            w.PutString(Rt.InfoSlaveKind, "bridge");
            var data = w.BeginNested(Rt.InfoSlaveData);
            if (port.Learning is { } learning)
            {
                w.PutU8(Rt.BrportLearning, learning ? (byte)1 : (byte)0);
            }

            if (port.NeighSuppress is { } suppress)
            {
                w.PutU8(Rt.BrportNeighSuppress, suppress ? (byte)1 : (byte)0);
            }

            w.EndNested(data);
            w.EndNested(info);
        }
    }

    private static void WriteKindData(NetlinkWriter w, LinkKind kind, int? peerNamespaceFd)
    {
        switch (kind)
        {
            case VxlanKind v:
            {
                var data = w.BeginNested(Rt.InfoData);
                w.PutU32(Rt.VxlanId, v.Vni);
                if (v.Local is { } local)
                {
                    w.PutAddress(local.AddressFamily == AddressFamily.InterNetworkV6 ? Rt.VxlanLocal6 : Rt.VxlanLocal, local);
                }

                w.PutU8(Rt.VxlanTtl, v.Ttl);
                w.PutU8(Rt.VxlanLearning, v.Learning ? (byte)1 : (byte)0);
                w.PutBe16(Rt.VxlanPort, v.Port);
                w.EndNested(data);
                break;
            }

            case VethKind veth:
            {
                var data = w.BeginNested(Rt.InfoData);
                var peer = w.BeginNested(Rt.VethInfoPeer);
                w.Write(new IfInfoMsg());
                w.PutString(Rt.IflaIfName, veth.PeerName);
                if (peerNamespaceFd is { } fd)
                {
                    w.PutU32(Rt.IflaNetNsFd, (uint)fd);
                }

                w.EndNested(peer);
                w.EndNested(data);
                break;
            }

            case VrfKind vrf:
            {
                var data = w.BeginNested(Rt.InfoData);
                w.PutU32(Rt.VrfTable, vrf.Table);
                w.EndNested(data);
                break;
            }
        }
    }
}

/// <summary>Changes to apply to an existing link in one request (null = unchanged).</summary>
public sealed record LinkChanges
{
    /// <summary>New MTU.</summary>
    public uint? Mtu { get; init; }

    /// <summary>New administrative state.</summary>
    public bool? Up { get; init; }

    /// <summary>New master index; 0 detaches.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>New alias; empty removes it.</summary>
    public string? Alias { get; init; }

    /// <summary>An open namespace fd to move the link into.</summary>
    public int? NamespaceFd { get; init; }

    /// <summary>Bridge-port options.</summary>
    public BridgePortSettings? BridgePort { get; init; }

    /// <summary>True when nothing would change.</summary>
    public bool IsEmpty => Mtu is null && Up is null && MasterIndex is null && Alias is null && NamespaceFd is null && BridgePort is null;
}

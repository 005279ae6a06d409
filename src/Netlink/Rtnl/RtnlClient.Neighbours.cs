using Netlink.Wire;

namespace Netlink.Rtnl;

/// <content>Neighbours and bridge FDB entries.</content>
public sealed partial class RtnlClient
{
    /// <summary>FDB entries, optionally only those of one device (bridge port or VXLAN device).</summary>
    public IReadOnlyList<FdbEntry> ListFdb(int? index = null)
    {
        using var w = new NetlinkWriter(Rt.GetNeigh, Nl.FDump);
        w.Write(new NdMsg { Family = Rt.AfBridge });
        var all = Socket.Dump(w, "listing bridge FDB entries", m => NeighbourCodec.DecodeFdb(m));
        return index is null ? all : all.FindAll(e => e.Index == index);
    }

    /// <summary>
    /// Adds an FDB entry with NLM_F_APPEND, so several entries may share a MAC (VXLAN flood list:
    /// all-zero MAC, one entry per remote VTEP).
    /// </summary>
    public void AppendFdb(FdbEntry entry) =>
        FdbRequest(Rt.NewNeigh, Nl.FCreate | Nl.FAppend, entry, $"adding FDB entry {entry.Mac} dst {entry.Destination} on #{entry.Index}");

    /// <summary>Deletes an FDB entry (matching MAC and destination).</summary>
    public void DeleteFdb(FdbEntry entry) =>
        FdbRequest(Rt.DelNeigh, 0, entry, $"deleting FDB entry {entry.Mac} dst {entry.Destination} on #{entry.Index}");

    /// <summary>ARP/ND neighbours, optionally only those of one link.</summary>
    public IReadOnlyList<Neighbour> ListNeighbours(int? index = null)
    {
        using var w = new NetlinkWriter(Rt.GetNeigh, Nl.FDump);
        w.Write(new NdMsg { Family = Rt.AfUnspec });
        var all = Socket.Dump(w, "listing neighbours", m => NeighbourCodec.DecodeNeighbour(m));
        return index is null ? all : all.FindAll(n => n.Index == index);
    }

    /// <summary>Adds or replaces a neighbour entry.</summary>
    public void SetNeighbour(Neighbour neighbour)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        using var w = new NetlinkWriter(Rt.NewNeigh, Nl.FAck | Nl.FCreate | Nl.FReplace);
        NeighbourCodec.Write(w, neighbour);
        Socket.Execute(w, $"setting neighbour {neighbour.Address} on #{neighbour.Index}");
    }

    /// <summary>Deletes a neighbour entry.</summary>
    public void DeleteNeighbour(Neighbour neighbour)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        using var w = new NetlinkWriter(Rt.DelNeigh, Nl.FAck);
        NeighbourCodec.Write(w, neighbour);
        Socket.Execute(w, $"deleting neighbour {neighbour.Address} on #{neighbour.Index}");
    }

    private void FdbRequest(ushort type, ushort flags, FdbEntry entry, string what)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var w = new NetlinkWriter(type, (ushort)(Nl.FAck | flags));
        NeighbourCodec.Write(w, entry);
        Socket.Execute(w, what);
    }
}

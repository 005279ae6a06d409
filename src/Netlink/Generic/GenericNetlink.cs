using Netlink.Wire;

namespace Netlink.Generic;

/// <summary>A resolved generic netlink family.</summary>
public sealed record GenericFamily(ushort Id, string Name, uint Version);

/// <summary>The generic netlink controller ("nlctrl"): resolves family names to ids (linux/genetlink.h).</summary>
public static class GenericNetlink
{
    /// <summary>GENL_ID_CTRL: the controller's fixed message type.</summary>
    public const ushort ControllerId = 0x10;

    /// <summary>CTRL_CMD_GETFAMILY.</summary>
    public const byte CmdGetFamily = 3;

    /// <summary>CTRL_ATTR_FAMILY_ID (u16).</summary>
    public const ushort AttrFamilyId = 1;

    /// <summary>CTRL_ATTR_FAMILY_NAME (string).</summary>
    public const ushort AttrFamilyName = 2;

    /// <summary>CTRL_ATTR_VERSION (u32).</summary>
    public const ushort AttrVersion = 3;

    /// <summary>Writes a CTRL_CMD_GETFAMILY request body (after the nlmsghdr).</summary>
    public static void WriteGetFamily(NetlinkWriter w, string name)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(new GenlMsgHdr { Command = CmdGetFamily, Version = 1 });
        w.PutString(AttrFamilyName, name);
    }

    /// <summary>Resolves <paramref name="name"/>; null when the kernel does not know the family (ENOENT).</summary>
    public static GenericFamily? TryResolve(NetlinkSocket socket, string name)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var w = new NetlinkWriter(ControllerId, Nl.FAck);
        WriteGetFamily(w, name);
        GenericFamily? family = null;
        try
        {
            socket.Query(w, $"resolving generic netlink family '{name}'", (in m) => family ??= Decode(m));
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENOENT)
        {
            return null;
        }

        return family;
    }

    /// <summary>Resolves <paramref name="name"/> or throws <see cref="NotSupportedByKernelException"/> ("not available").</summary>
    public static GenericFamily Resolve(NetlinkSocket socket, string name) => TryResolve(socket, name)
        ?? throw new NotSupportedByKernelException(
            Errno.ENOENT, $"generic netlink family '{name}' is not available: the kernel has no '{name}' module loaded (modprobe {name}) or was built without it");

    /// <summary>Decodes a controller reply; null when it is not one.</summary>
    public static GenericFamily? Decode(in NetlinkMessage m)
    {
        if (m.Type != ControllerId)
        {
            return null;
        }

        ushort? id = null;
        string? name = null;
        uint version = 0;
        foreach (var a in m.Attributes<GenlMsgHdr>())
        {
            switch (a.Type)
            {
                case AttrFamilyId: id = a.U16(); break;
                case AttrFamilyName: name = a.String(); break;
                case AttrVersion: version = a.U32(); break;
            }
        }

        return id is { } i && name is not null ? new GenericFamily(i, name, version) : null;
    }
}

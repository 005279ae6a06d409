namespace Netlink.Wire;

/// <summary>Core netlink constants (linux/netlink.h).</summary>
public static class Nl
{
    /// <summary>NLMSG_ALIGNTO and NLA_ALIGNTO.</summary>
    public const int AlignTo = 4;

    /// <summary>sizeof(struct nlmsghdr).</summary>
    public const int HeaderSize = 16;

    /// <summary>sizeof(struct nlattr).</summary>
    public const int AttrHeaderSize = 4;

    /// <summary>NLMSG_NOOP.</summary>
    public const ushort MsgNoop = 1;

    /// <summary>NLMSG_ERROR.</summary>
    public const ushort MsgError = 2;

    /// <summary>NLMSG_DONE.</summary>
    public const ushort MsgDone = 3;

    /// <summary>NLMSG_OVERRUN.</summary>
    public const ushort MsgOverrun = 4;

    /// <summary>NLM_F_REQUEST.</summary>
    public const ushort FRequest = 0x1;

    /// <summary>NLM_F_MULTI.</summary>
    public const ushort FMulti = 0x2;

    /// <summary>NLM_F_ACK.</summary>
    public const ushort FAck = 0x4;

    /// <summary>NLM_F_DUMP_INTR.</summary>
    public const ushort FDumpIntr = 0x10;

    /// <summary>NLM_F_ROOT | NLM_F_MATCH.</summary>
    public const ushort FDump = 0x300;

    /// <summary>NLM_F_REPLACE.</summary>
    public const ushort FReplace = 0x100;

    /// <summary>NLM_F_EXCL.</summary>
    public const ushort FExcl = 0x200;

    /// <summary>NLM_F_CREATE.</summary>
    public const ushort FCreate = 0x400;

    /// <summary>NLM_F_APPEND.</summary>
    public const ushort FAppend = 0x800;

    /// <summary>NLM_F_CAPPED (in an NLMSG_ERROR: the request was not echoed in full).</summary>
    public const ushort FCapped = 0x100;

    /// <summary>NLM_F_ACK_TLVS (in an NLMSG_ERROR: extended-ack attributes follow).</summary>
    public const ushort FAckTlvs = 0x200;

    /// <summary>NLA_F_NESTED.</summary>
    public const ushort AttrNested = 0x8000;

    /// <summary>NLA_F_NET_BYTEORDER.</summary>
    public const ushort AttrNetByteOrder = 0x4000;

    /// <summary>NLA_TYPE_MASK.</summary>
    public const ushort AttrTypeMask = 0x3fff;

    /// <summary>NLMSGERR_ATTR_MSG.</summary>
    public const ushort ErrAttrMsg = 1;

    /// <summary>NLMSGERR_ATTR_OFFS.</summary>
    public const ushort ErrAttrOffset = 2;

    /// <summary>Rounds up to the 4-byte netlink alignment.</summary>
    public static int Align(int length) => (length + AlignTo - 1) & ~(AlignTo - 1);
}

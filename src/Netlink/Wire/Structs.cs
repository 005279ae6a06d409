using System.Runtime.InteropServices;

namespace Netlink.Wire;

/// <summary>struct nlmsghdr (linux/netlink.h), 16 bytes, host byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NlMsgHdr
{
    /// <summary>Length including this header.</summary>
    public uint Length;

    /// <summary>Message type.</summary>
    public ushort Type;

    /// <summary>NLM_F_* flags.</summary>
    public ushort Flags;

    /// <summary>Sequence number.</summary>
    public uint Seq;

    /// <summary>Sending port id.</summary>
    public uint Pid;
}

/// <summary>struct ifinfomsg (linux/rtnetlink.h), 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct IfInfoMsg
{
    /// <summary>Address family (AF_UNSPEC for links, AF_BRIDGE for bridge ports).</summary>
    public byte Family;

    /// <summary>Padding.</summary>
    public byte Pad;

    /// <summary>ARPHRD_* device type.</summary>
    public ushort Type;

    /// <summary>Interface index.</summary>
    public int Index;

    /// <summary>IFF_* flags.</summary>
    public uint Flags;

    /// <summary>Mask of the flags to change.</summary>
    public uint Change;
}

/// <summary>struct ifaddrmsg (linux/if_addr.h), 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct IfAddrMsg
{
    /// <summary>AF_INET or AF_INET6.</summary>
    public byte Family;

    /// <summary>Prefix length.</summary>
    public byte PrefixLength;

    /// <summary>IFA_F_* flags (low 8 bits).</summary>
    public byte Flags;

    /// <summary>Address scope.</summary>
    public byte Scope;

    /// <summary>Interface index.</summary>
    public uint Index;
}

/// <summary>struct rtmsg (linux/rtnetlink.h), 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RtMsg
{
    /// <summary>AF_INET or AF_INET6.</summary>
    public byte Family;

    /// <summary>Destination prefix length.</summary>
    public byte DstLength;

    /// <summary>Source prefix length.</summary>
    public byte SrcLength;

    /// <summary>TOS filter.</summary>
    public byte Tos;

    /// <summary>Routing table id (low 8 bits; RTA_TABLE carries the full id).</summary>
    public byte Table;

    /// <summary>RTPROT_* origin marker.</summary>
    public byte Protocol;

    /// <summary>RT_SCOPE_*.</summary>
    public byte Scope;

    /// <summary>RTN_* route type.</summary>
    public byte Type;

    /// <summary>RTM_F_* flags.</summary>
    public uint Flags;
}

/// <summary>struct ndmsg (linux/neighbour.h), 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NdMsg
{
    /// <summary>AF_INET/AF_INET6 for neighbours, AF_BRIDGE for FDB entries.</summary>
    public byte Family;

    /// <summary>Padding.</summary>
    public byte Pad1;

    /// <summary>Padding.</summary>
    public ushort Pad2;

    /// <summary>Interface index.</summary>
    public int Index;

    /// <summary>NUD_* state.</summary>
    public ushort State;

    /// <summary>NTF_* flags.</summary>
    public byte Flags;

    /// <summary>Neighbour type.</summary>
    public byte Type;
}

/// <summary>struct genlmsghdr (linux/genetlink.h), 4 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct GenlMsgHdr
{
    /// <summary>Family command.</summary>
    public byte Command;

    /// <summary>Family version.</summary>
    public byte Version;

    /// <summary>Reserved.</summary>
    public ushort Reserved;
}

/// <summary>struct nlmsgerr (linux/netlink.h), 20 bytes: negative errno (0 = ack) and the request header.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NlMsgErr
{
    /// <summary>0 for an ack, otherwise a negative errno.</summary>
    public int Error;

    /// <summary>Header of the request this answers.</summary>
    public NlMsgHdr Request;
}

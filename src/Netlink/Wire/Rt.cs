namespace Netlink.Wire;

/// <summary>rtnetlink message types and attribute numbers (linux/rtnetlink.h, if_link.h, if_addr.h, neighbour.h).</summary>
public static class Rt
{
#pragma warning disable CS1591 // names mirror the C constants one to one
    public const ushort NewLink = 16, DelLink = 17, GetLink = 18;
    public const ushort NewAddr = 20, DelAddr = 21, GetAddr = 22;
    public const ushort NewRoute = 24, DelRoute = 25, GetRoute = 26;
    public const ushort NewNeigh = 28, DelNeigh = 29, GetNeigh = 30;

    public const byte AfUnspec = 0, AfInet = 2, AfBridge = 7, AfInet6 = 10;

    public const uint IffUp = 0x1, IffLowerUp = 0x10000;

    public const ushort IflaAddress = 1, IflaIfName = 3, IflaMtu = 4, IflaLink = 5, IflaMaster = 10,
        IflaOperState = 16, IflaLinkInfo = 18, IflaNetNsPid = 19, IflaIfAlias = 20, IflaNetNsFd = 28,
        IflaLinkNetNsId = 37;

    public const ushort InfoKind = 1, InfoData = 2, InfoSlaveKind = 4, InfoSlaveData = 5;

    public const ushort VethInfoPeer = 1;
    public const ushort VrfTable = 1;
    public const ushort VxlanId = 1, VxlanLink = 3, VxlanLocal = 4, VxlanTtl = 5, VxlanLearning = 7,
        VxlanPort = 15, VxlanLocal6 = 17;

    public const ushort BrportLearning = 8, BrportNeighSuppress = 32;

    public const ushort IfaAddress = 1, IfaLocal = 2, IfaLabel = 3, IfaFlags = 8;

    public const ushort RtaDst = 1, RtaOif = 4, RtaGateway = 5, RtaPriority = 6, RtaPrefSrc = 7, RtaTable = 15;

    public const byte RtScopeUniverse = 0, RtScopeLink = 253, RtScopeHost = 254, RtScopeNowhere = 255;
    public const uint RtmFCloned = 0x200;

    public const ushort NdaDst = 1, NdaLladdr = 2, NdaPort = 6, NdaVni = 7, NdaIfIndex = 8, NdaMaster = 9;
    public const byte NtfSelf = 0x02, NtfMaster = 0x04, NtfExtLearned = 0x10;
    public const ushort NudReachable = 0x02, NudStale = 0x04, NudNoArp = 0x40, NudPermanent = 0x80;

    public const uint GroupLink = 1, GroupIpv4IfAddr = 5, GroupIpv4Route = 7, GroupIpv6IfAddr = 9, GroupIpv6Route = 11;
#pragma warning restore CS1591

    /// <summary>Bit for a multicast group in sockaddr_nl.nl_groups.</summary>
    public static uint GroupBit(uint group) => 1u << (int)(group - 1);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Netlink.Generic;
using Netlink.Wire;
using Netlink.WireGuard;
using TestSupport;

namespace Netlink.Tests;

/// <summary>
/// Compiles a tiny C program against the system's kernel uapi headers (linux-libc-dev) and compares every
/// struct size, field offset and constant the library hard-codes with what the C definitions say.
/// </summary>
public sealed class CDefinitionTests
{
    private static readonly Lazy<Dictionary<string, long>> CValues = new(CompileAndRun);

    public static TheoryData<string, long> Expected() => new()
    {
        { "sizeof(struct nlmsghdr)", Unsafe.SizeOf<NlMsgHdr>() },
        { "sizeof(struct nlattr)", Nl.AttrHeaderSize },
        { "sizeof(struct ifinfomsg)", Unsafe.SizeOf<IfInfoMsg>() },
        { "sizeof(struct ifaddrmsg)", Unsafe.SizeOf<IfAddrMsg>() },
        { "sizeof(struct rtmsg)", Unsafe.SizeOf<RtMsg>() },
        { "sizeof(struct ndmsg)", Unsafe.SizeOf<NdMsg>() },
        { "sizeof(struct genlmsghdr)", Unsafe.SizeOf<GenlMsgHdr>() },
        { "sizeof(struct nlmsgerr)", Unsafe.SizeOf<NlMsgErr>() },
        { "offsetof(struct ifinfomsg, ifi_index)", (long)Marshal.OffsetOf<IfInfoMsg>(nameof(IfInfoMsg.Index)) },
        { "offsetof(struct ifinfomsg, ifi_change)", (long)Marshal.OffsetOf<IfInfoMsg>(nameof(IfInfoMsg.Change)) },
        { "offsetof(struct rtmsg, rtm_type)", (long)Marshal.OffsetOf<RtMsg>(nameof(RtMsg.Type)) },
        { "offsetof(struct rtmsg, rtm_flags)", (long)Marshal.OffsetOf<RtMsg>(nameof(RtMsg.Flags)) },
        { "offsetof(struct ndmsg, ndm_state)", (long)Marshal.OffsetOf<NdMsg>(nameof(NdMsg.State)) },
        { "offsetof(struct ndmsg, ndm_type)", (long)Marshal.OffsetOf<NdMsg>(nameof(NdMsg.Type)) },
        { "offsetof(struct ifaddrmsg, ifa_index)", (long)Marshal.OffsetOf<IfAddrMsg>(nameof(IfAddrMsg.Index)) },
        { "NLM_F_DUMP", Nl.FDump }, { "NLM_F_DUMP_INTR", Nl.FDumpIntr }, { "NLM_F_ACK_TLVS", Nl.FAckTlvs },
        { "NLM_F_CAPPED", Nl.FCapped }, { "NLM_F_APPEND", Nl.FAppend }, { "NLM_F_EXCL", Nl.FExcl },
        { "NLMSG_ERROR", Nl.MsgError }, { "NLMSG_DONE", Nl.MsgDone }, { "NLMSGERR_ATTR_MSG", Nl.ErrAttrMsg },
        { "NLA_F_NESTED", Nl.AttrNested }, { "NETLINK_EXT_ACK", 11 }, { "NETLINK_CAP_ACK", 10 },
        { "RTM_NEWLINK", Rt.NewLink }, { "RTM_GETADDR", Rt.GetAddr }, { "RTM_DELROUTE", Rt.DelRoute }, { "RTM_GETNEIGH", Rt.GetNeigh },
        { "IFLA_IFNAME", Rt.IflaIfName }, { "IFLA_MASTER", Rt.IflaMaster }, { "IFLA_LINKINFO", Rt.IflaLinkInfo },
        { "IFLA_IFALIAS", Rt.IflaIfAlias }, { "IFLA_NET_NS_FD", Rt.IflaNetNsFd }, { "IFLA_INFO_SLAVE_DATA", Rt.InfoSlaveData },
        { "VETH_INFO_PEER", Rt.VethInfoPeer }, { "IFLA_VRF_TABLE", Rt.VrfTable },
        { "IFLA_VXLAN_ID", Rt.VxlanId }, { "IFLA_VXLAN_LOCAL", Rt.VxlanLocal }, { "IFLA_VXLAN_TTL", Rt.VxlanTtl },
        { "IFLA_VXLAN_LEARNING", Rt.VxlanLearning }, { "IFLA_VXLAN_PORT", Rt.VxlanPort }, { "IFLA_VXLAN_LOCAL6", Rt.VxlanLocal6 },
        { "IFLA_BRPORT_LEARNING", Rt.BrportLearning }, { "IFLA_BRPORT_NEIGH_SUPPRESS", Rt.BrportNeighSuppress },
        { "IFA_LOCAL", Rt.IfaLocal }, { "RTA_TABLE", Rt.RtaTable }, { "RTA_PREFSRC", Rt.RtaPrefSrc }, { "RTA_PRIORITY", Rt.RtaPriority },
        { "RTN_BLACKHOLE", 6 }, { "RTN_UNREACHABLE", 7 }, { "RT_SCOPE_LINK", Rt.RtScopeLink }, { "RTM_F_CLONED", Rt.RtmFCloned },
        { "NDA_LLADDR", Rt.NdaLladdr }, { "NDA_VNI", Rt.NdaVni }, { "NDA_MASTER", Rt.NdaMaster }, { "NTF_SELF", Rt.NtfSelf },
        { "NUD_PERMANENT", Rt.NudPermanent }, { "RTNLGRP_LINK", Rt.GroupLink }, { "RTNLGRP_IPV4_ROUTE", Rt.GroupIpv4Route },
        { "RTNLGRP_IPV6_IFADDR", Rt.GroupIpv6IfAddr }, { "RTNLGRP_IPV6_ROUTE", Rt.GroupIpv6Route },
        { "GENL_ID_CTRL", GenericNetlink.ControllerId }, { "CTRL_CMD_GETFAMILY", GenericNetlink.CmdGetFamily },
        { "CTRL_ATTR_FAMILY_ID", GenericNetlink.AttrFamilyId }, { "CTRL_ATTR_FAMILY_NAME", GenericNetlink.AttrFamilyName },
        { "WG_GENL_VERSION", Wg.Version }, { "WG_KEY_LEN", WgKey.Length }, { "WG_CMD_SET_DEVICE", Wg.CmdSetDevice },
        { "WGDEVICE_F_REPLACE_PEERS", Wg.DeviceFReplacePeers }, { "WGDEVICE_A_PEERS", Wg.DevicePeers },
        { "WGDEVICE_A_FWMARK", Wg.DeviceFwMark }, { "WGPEER_F_UPDATE_ONLY", Wg.PeerFUpdateOnly },
        { "WGPEER_A_ALLOWEDIPS", Wg.PeerAllowedIps }, { "WGPEER_A_PROTOCOL_VERSION", Wg.PeerProtocolVersion },
        { "WGPEER_A_LAST_HANDSHAKE_TIME", Wg.PeerLastHandshake }, { "WGALLOWEDIP_A_CIDR_MASK", Wg.AllowedIpCidr },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Matches_the_kernel_uapi_headers(string cExpression, long csharpValue)
    {
        Privileged.RequireTools("gcc");
        Assert.True(CValues.Value.TryGetValue(cExpression, out var c), $"{cExpression} missing from the C output");
        Assert.Equal(c, csharpValue);
    }

    private static Dictionary<string, long> CompileAndRun()
    {
        var dir = Directory.CreateTempSubdirectory("nlc");
        try
        {
            var src = Path.Combine(dir.FullName, "defs.c");
            var exe = Path.Combine(dir.FullName, "defs");
            var lines = Expected().Select(row => (string)row.Data.Item1)
                .Select(e => $"    printf(\"%s=%lld\\n\", \"{e}\", (long long)({e}));");
            File.WriteAllText(src, $$"""
                #include <stdio.h>
                #include <stddef.h>
                #include <sys/socket.h>
                #include <linux/netlink.h>
                #include <linux/rtnetlink.h>
                #include <linux/if_link.h>
                #include <linux/if_addr.h>
                #include <linux/neighbour.h>
                #include <linux/veth.h>
                #include <linux/genetlink.h>
                #include <linux/wireguard.h>
                int main(void) {
                {{string.Join('\n', lines)}}
                    return 0;
                }
                """);
            Sh.Run("gcc", ["-o", exe, src]).EnsureSuccess("gcc");
            return Sh.Run(exe, []).EnsureSuccess(exe).StdOut
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('='))
                .ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>Kernel devices of a native node, named as Proxmox names them so both interoperate.</summary>
/// <param name="Vrf">The zone VRF <c>vrf_&lt;zone&gt;</c>.</param>
/// <param name="VrfBridge">The L3VNI bridge <c>vrfbr_&lt;zone&gt;</c> (enslaved to the VRF).</param>
/// <param name="VrfVxlan">The L3VNI vxlan device <c>vrfvx_&lt;zone&gt;</c> (enslaved to the VRF bridge).</param>
/// <param name="Bridges">One bridge per vnet, carrying the gateway addresses.</param>
/// <param name="Vxlans">One vxlan device <c>vxlan_&lt;vnet&gt;</c> per vnet.</param>
public sealed record LinksPlan(
    VrfDevice Vrf,
    BridgeDevice VrfBridge,
    VxlanDevice VrfVxlan,
    EquatableArray<BridgeDevice> Bridges,
    EquatableArray<VxlanDevice> Vxlans);

/// <summary>A VRF device.</summary>
/// <param name="Name">Device name.</param>
public sealed record VrfDevice(InterfaceName Name);

/// <summary>A bridge device.</summary>
/// <param name="Name">Device name.</param>
/// <param name="Master">Enslaving device (a VRF), or null.</param>
/// <param name="Mtu">MTU.</param>
/// <param name="Addresses">Addresses in CIDR notation (gateway/prefix), sorted.</param>
public sealed record BridgeDevice(InterfaceName Name, string? Master, int Mtu, EquatableArray<string> Addresses);

/// <summary>A VXLAN device (learning off, as Proxmox creates it).</summary>
/// <param name="Name">Device name.</param>
/// <param name="Vni">VNI.</param>
/// <param name="Local">Local VTEP address.</param>
/// <param name="DstPort">UDP destination port (4789).</param>
/// <param name="Learning">MAC learning (always false: EVPN programs the FDB).</param>
/// <param name="NeighborSuppression">ARP/ND suppression.</param>
/// <param name="Master">Bridge the device is enslaved to.</param>
/// <param name="Mtu">MTU.</param>
public sealed record VxlanDevice(InterfaceName Name, Vni Vni, IPAddress Local, int DstPort, bool Learning, bool NeighborSuppression, string Master, int Mtu);

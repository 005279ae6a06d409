using System.Net.NetworkInformation;
using System.Text;

namespace Netlink.Rtnl;

/// <summary>
/// A desired link. Null properties mean "leave as the kernel has it"; set ones are created or changed
/// by <see cref="RtnlClient.EnsureLink"/>.
/// </summary>
public sealed record LinkSpec(string Name, LinkKind Kind)
{
    /// <summary>MTU in bytes.</summary>
    public uint? Mtu { get; init; }

    /// <summary>Administrative state (IFF_UP).</summary>
    public bool? Up { get; init; }

    /// <summary>Master device name (bridge or VRF); empty string = no master.</summary>
    public string? Master { get; init; }

    /// <summary>Interface alias (ifalias); meshd uses it as its ownership marker. Empty string removes it.</summary>
    public string? Alias { get; init; }

    /// <summary>Bridge-port options applied once the device is enslaved to a bridge.</summary>
    public BridgePortSettings? BridgePort { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field and how to fix it.</summary>
    public void Validate()
    {
        LinkNames.Validate(Name, "link name");
        if (Master is { Length: > 0 })
        {
            LinkNames.Validate(Master, "master");
        }

        switch (Kind)
        {
            case VxlanKind v when v.Vni > VxlanKind.MaxVni:
                throw new ArgumentException($"link {Name}: VNI {v.Vni} exceeds 24 bits (max {VxlanKind.MaxVni})");
            case VethKind v:
                LinkNames.Validate(v.PeerName, $"link {Name}: veth peer name");
                break;
            case OtherKind o:
                throw new ArgumentException($"link {Name}: kind '{o.KindName}' cannot be created by this library; use vxlan, bridge, veth, dummy, vrf or wireguard");
        }

        if (Mtu is < 68 or > 65535)
        {
            throw new ArgumentException($"link {Name}: MTU {Mtu} is outside 68..65535");
        }

        if (Alias is { } a && Encoding.UTF8.GetByteCount(a) > 127)
        {
            throw new ArgumentException($"link {Name}: alias is longer than 127 bytes");
        }
    }
}

/// <summary>Interface name rules (IFNAMSIZ).</summary>
public static class LinkNames
{
    /// <summary>Longest interface name in bytes (IFNAMSIZ - 1).</summary>
    public const int MaxLength = 15;

    /// <summary>True when the kernel would accept the name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && Encoding.UTF8.GetByteCount(name) <= MaxLength && name is not "." and not ".." &&
        !name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Throws an <see cref="ArgumentException"/> saying what is wrong with <paramref name="name"/>.</summary>
    public static void Validate(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"{what} '{name}' is not a valid interface name: use 1-{MaxLength} bytes without '/', ':' or whitespace");
        }
    }
}

/// <summary>A link as the kernel reports it.</summary>
public sealed record LinkInfo(int Index, string Name, LinkKind? Kind)
{
    /// <summary>MTU.</summary>
    public uint Mtu { get; init; }

    /// <summary>IFF_UP (administratively up).</summary>
    public bool Up { get; init; }

    /// <summary>IFF_LOWER_UP (carrier).</summary>
    public bool LowerUp { get; init; }

    /// <summary>Master's interface index.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>Alias, if set.</summary>
    public string? Alias { get; init; }

    /// <summary>Link-layer address.</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>IFLA_LINK: the peer (veth) or lower device index.</summary>
    public int? LinkIndex { get; init; }

    /// <summary>Bridge-port options when enslaved to a bridge.</summary>
    public BridgePortSettings? BridgePort { get; init; }
}

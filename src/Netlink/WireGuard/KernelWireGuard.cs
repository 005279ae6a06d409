using Netlink.Generic;
using Netlink.Wire;

namespace Netlink.WireGuard;

/// <summary>
/// The kernel WireGuard dataplane over generic netlink. <see cref="IsAvailable"/> tells the caller whether
/// to use it or fall back to the userspace dataplane.
/// </summary>
public sealed class KernelWireGuard : IDisposable
{
    private readonly NetlinkSocket _socket;

    private KernelWireGuard(NetlinkSocket socket, GenericFamily family) => (_socket, Family) = (socket, family);

    /// <summary>The resolved family.</summary>
    public GenericFamily Family { get; }

    /// <summary>Largest request message; larger configurations are split.</summary>
    public int MaxMessageSize { get; init; } = Wg.DefaultMaxMessageSize;

    /// <summary>True when the kernel knows the "wireguard" generic netlink family (module loaded or built in).</summary>
    public static bool IsAvailable(string? netns = null)
    {
        using var s = NetlinkSocket.Open(NetlinkProtocol.Generic, netns);
        return GenericNetlink.TryResolve(s, Wg.FamilyName) is not null;
    }

    /// <summary>Opens the family; throws <see cref="NotSupportedByKernelException"/> when it is not available.</summary>
    public static KernelWireGuard Open(string? netns = null)
    {
        var s = NetlinkSocket.Open(NetlinkProtocol.Generic, netns);
        try
        {
            return new KernelWireGuard(s, GenericNetlink.Resolve(s, Wg.FamilyName));
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>Reads a device with all its peers (WG_CMD_GET_DEVICE dump, merged).</summary>
    public WgDevice GetDevice(string name)
    {
        using var w = new NetlinkWriter(Family.Id, Nl.FDump);
        w.Write(new GenlMsgHdr { Command = Wg.CmdGetDevice, Version = Wg.Version });
        w.PutString(Wg.DeviceIfName, name);
        var decoder = new WgDeviceDecoder();
        _socket.Dump<object>(w, $"reading WireGuard device {name}", m =>
        {
            decoder.Add(m);
            return null;
        });
        return decoder.Build();
    }

    /// <summary>Applies a configuration, in several messages when it is large.</summary>
    public void Configure(WgDeviceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var message in WgSetEncoder.Encode(Family.Id, config, MaxMessageSize))
        {
            _socket.ExecuteRaw(message, $"configuring WireGuard device {config.Name}");
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}

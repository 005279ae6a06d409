using System.Net;
using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Model;
using Mesh.Planning;
using Microsoft.Extensions.Logging;
using Netlink;
using Netlink.Rtnl;
using Netlink.WireGuard;
using WireGuard.Device;
using WireGuard.Linux;
using WireGuard.Tun;
using WireGuard.Uapi;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// The WireGuard underlay: picks the dataplane (kernel when the generic-netlink family resolves, else the
/// userspace engine in process with its UAPI socket so `wg show` works either way), keeps the device's
/// keys, port and peers equal to the plan (only the difference is applied, the device is never reset),
/// and sets the interface address, MTU, state and the routes into the tunnel.
/// </summary>
public sealed partial class WireGuardSubsystem : ISubsystem, IDisposable
{
    private readonly DaemonOptions _options;
    private readonly DaemonState _state;
    private readonly ILogger<WireGuardSubsystem> _log;
    private readonly ILoggerFactory _loggers;
    private WireGuardDevice? _engine;
    private UapiServer? _uapi;
    private LinuxTun? _tun;
    private KernelWireGuardDevice? _kernel;
    private string? _interface;
    private WireGuardPlan? _applied;

    /// <summary>Creates the subsystem.</summary>
    public WireGuardSubsystem(DaemonOptions options, DaemonState state, ILoggerFactory loggers)
    {
        _options = options;
        _state = state;
        _loggers = loggers;
        _log = loggers.CreateLogger<WireGuardSubsystem>();
    }

    /// <inheritdoc/>
    public string Name => "wireguard";

    /// <summary>The device in use (null before the first pass).</summary>
    public IWireGuardDevice? Device => (IWireGuardDevice?)_engine ?? _kernel;

    /// <summary>"kernel" or "userspace" once chosen.</summary>
    public string? Dataplane { get; private set; }

    /// <summary>The interface name in use.</summary>
    public string? Interface => _interface;

    /// <inheritdoc/>
    public Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wg = plan.WireGuard;
        var key = PrivateKeyFile.Read(_options.EffectivePrivateKeyFile);
        var notes = new List<string>();
        var created = EnsureDevice(plan, notes);

        var device = Device!;
        var change = WireGuardDesired.Diff(wg, key, device.GetStatus(), created ? null : _applied);
        var changes = created ? 1 : 0;
        if (change is not null)
        {
            device.Apply(change);
            notes.Add(WireGuardDesired.Describe(change));
            changes++;
        }

        _applied = wg;

        using var rtnl = RtnlClient.Open();
        var name = wg.Interface.Value;
        // The device is a TUN (userspace) or a wireguard link (kernel): only its MTU and state are ours to set here.
        var info = rtnl.GetLink(name);
        var link = EnsureResult.Unchanged;
        if (info.Mtu != wg.Mtu)
        {
            rtnl.SetMtu(name, (uint)wg.Mtu);
            link = EnsureResult.Changed;
        }

        if (!info.Up)
        {
            rtnl.SetUp(name, true);
            link = EnsureResult.Changed;
        }

        var addr = rtnl.EnsureAddress(name, wg.Address, wg.PrefixLength);
        var index = rtnl.IndexOf(name);
        var routes = rtnl.SyncRoutes([.. wg.Routes.Select(r => new Route(r) { OutputIndex = index })]);
        changes += (link != EnsureResult.Unchanged ? 1 : 0) + (addr != EnsureResult.Unchanged ? 1 : 0) + routes.Created + routes.Changed + routes.Removed;
        if (link != EnsureResult.Unchanged)
        {
            notes.Add($"link {link.ToString().ToLowerInvariant()} (mtu {wg.Mtu})");
        }

        if (addr != EnsureResult.Unchanged)
        {
            notes.Add($"address {wg.Address}/{wg.PrefixLength}");
        }

        var message = $"{Dataplane} {name}, {wg.Peers.Count} peer(s)" + (notes.Count > 0 ? ": " + string.Join("; ", notes) : string.Empty);
        return Task.FromResult(changes > 0 ? SubsystemResult.Changed(changes, message) : SubsystemResult.Unchanged(message));
    }

    private bool EnsureDevice(NodePlan plan, List<string> notes)
    {
        var name = plan.WireGuard.Interface.Value;
        if (Device is not null && _interface == name && (_tun is null || !_tun.Closed.IsCompleted))
        {
            return false;
        }

        DisposeDevice();
        _interface = name;
        var useKernel = plan.Dataplane switch
        {
            Mesh.Model.Dataplane.Kernel => true,
            Mesh.Model.Dataplane.Userspace => false,
            _ => KernelWireGuard.IsAvailable(),
        };
        if (plan.Dataplane == Mesh.Model.Dataplane.Kernel && !KernelWireGuard.IsAvailable())
        {
            throw new InvalidOperationException("dataplane: kernel, but this kernel has no WireGuard (the 'wireguard' generic-netlink family does not resolve); set dataplane: auto or userspace");
        }

        if (useKernel)
        {
            _kernel = KernelWireGuardDevice.Ensure(name);
            Dataplane = "kernel";
        }
        else
        {
            _tun = LinuxTun.Create(name, plan.WireGuard.Mtu);
            var bind = new LinuxBind();
            _engine = new WireGuardDevice(_tun, bind, _loggers.CreateLogger("WireGuard"));
            _engine.Start();
            _uapi = UapiServer.Start(name, _engine, _options.UapiDir);
            Dataplane = "userspace";
        }

        _state.SetDataplane(Dataplane);
        notes.Add($"created {Dataplane} device {name}");
        LogCreated(name, Dataplane);
        return true;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Userspace devices go away with the process; kernel devices stay so a restart keeps traffic flowing.
        if (_kernel is not null && _options.RemoveOnStop && _interface is not null)
        {
            using var rtnl = RtnlClient.Open();
            try
            {
                rtnl.DeleteLink(_interface);
            }
            catch (NetlinkException)
            {
            }
        }

        DisposeDevice();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeDevice();

    private void DisposeDevice()
    {
        _uapi?.Dispose();
        _uapi = null;
        _engine?.Dispose();
        _engine = null;
        _tun?.Dispose();
        _tun = null;
        _kernel?.Dispose();
        _kernel = null;
    }

    [LoggerMessage(100, LogLevel.Information, "wireguard: created {Dataplane} device {Interface}")]
    private partial void LogCreated(string @interface, string dataplane);
}

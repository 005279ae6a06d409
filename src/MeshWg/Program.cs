using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MeshWg;
using WireGuard.Device;
using WireGuard.Linux;
using WireGuard.Tun;
using WireGuard.Uapi;

var options = MeshWgOptions.Parse(args, out var argError);
if (options is null)
{
    Console.Error.WriteLine($"mesh-wg: {argError}\n{MeshWgOptions.Usage}");
    return 2;
}

if (options.Version)
{
    var v = typeof(MeshWgOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
    Console.WriteLine($"mesh-wg v{v.Split('+')[0]}\n\nUserspace WireGuard daemon (meshd project), wireguard-go compatible command line.");
    return 0;
}

var name = options.InterfaceName;
if (!options.Foreground && !Daemon.IsChild)
{
    return Daemon.SpawnAndWait(name, UapiServer.PathFor(name));
}

if (Daemon.IsChild)
{
    Daemon.Detach();
}

// signals are taken before anything is created, so a SIGTERM at any point still removes the socket
var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult("SIGTERM"); });
using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult("SIGINT"); });
var logger = new StderrLogger(name, StderrLogger.LevelFromEnvironment());
LinuxTun tun;
try
{
    tun = LinuxTun.Create(name, mtu: 1420); // wireguard-go's default MTU
}
catch (Exception e) when (e is IOException or ArgumentException)
{
    logger.LogError("Failed to create TUN device: {Message}", e.Message);
    return 1;
}

var device = new WireGuardDevice(tun, new LinuxBind(), logger);
UapiServer uapi;
try
{
    uapi = UapiServer.Start(tun.Name, device, onError: e => logger.LogError("UAPI: {Message} (errno {Errno})", e.Message, -e.Errno));
    device.Start();
}
catch (Exception e) when (e is IOException or WireGuardConfigException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
{
    logger.LogError("Failed to start: {Message}", e.Message);
    device.Dispose();
    return 1;
}

logger.LogInformation("Device started");
_ = tun.Closed.ContinueWith(_ => stop.TrySetResult("interface deleted"), TaskScheduler.Default);
var reason = await stop.Task;
logger.LogInformation("Shutting down: {Reason}", reason);
uapi.Dispose();
device.Dispose();
return 0;

using Mesh.Daemon.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting;

if (args.Contains("--version"))
{
    Console.WriteLine($"meshd {ControlServer.BuildVersion}");
    return 0;
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        usage: meshd [--spec FILE] [--node NAME] [--state-dir DIR] [--socket PATH] [--metrics 127.0.0.1:PORT]
                     [--resync-seconds N] [--netns NAME] [--frr-pathspace NAME] [--private-key-file FILE] [--uapi-dir DIR] [--remove-on-stop]
        Runs the mesh manager for one node: plans it from the spec and keeps WireGuard, devices, FRR,
        Proxmox SDN, nftables and sysctls in line with the plan. Runs under systemd (Type=notify).
        """);
    return 0;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Configuration.AddEnvironmentVariables("MESHD_");
builder.Configuration.AddCommandLine([.. args.Where(a => a != "--remove-on-stop")], DaemonArgs.SwitchMappings);
var options = new DaemonOptions();
builder.Configuration.Bind(options);
if (args.Contains("--remove-on-stop"))
{
    options.RemoveOnStop = true;
}

builder.Services.AddSystemd();
builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>(); // outside systemd: a notifier that is simply disabled
builder.Services.Configure<HostOptions>(o =>
{
    o.ShutdownTimeout = TimeSpan.FromSeconds(20);
    o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
});
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReconcileQueue>();
builder.Services.AddSingleton(sp => new DaemonState(options.Node, options.Spec, DateTimeOffset.UtcNow));
builder.Services.AddSingleton<ReconcileMetrics>();
builder.Services.AddMeshSubsystems(options);
builder.Services.AddSingleton<ReconcileLoop>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReconcileLoop>());
builder.Services.AddHostedService<ControlServer>();
builder.Services.AddHostedService<SpecWatcher>();
builder.Services.AddHostedService<Watchdog>();
builder.Services.AddHostedService<MetricsEndpoint>();
builder.Services.AddHostedService<PeerGauges>();
builder.Services.AddHostedService<BgpGauges>();
builder.Services.AddHostedService<Mesh.Daemon.Probe.PathMtuProbeService>();

using var host = builder.Build();
await host.RunAsync();
return 0;

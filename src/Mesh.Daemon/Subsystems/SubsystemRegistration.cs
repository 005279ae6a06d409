using Mesh.Daemon.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Probe;
using Mesh.Daemon.Reconcile;
using Microsoft.Extensions.DependencyInjection;

namespace Mesh.Daemon.Subsystems;

/// <summary>Registers the subsystems in their apply order.</summary>
public static class SubsystemRegistration
{
    /// <summary>Adds every subsystem and the peer report source.</summary>
    public static IServiceCollection AddMeshSubsystems(this IServiceCollection services, DaemonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<SysctlSubsystem>(_ => new SysctlSubsystem());
        services.AddSingleton<WireGuardSubsystem>();
        services.AddSingleton<LinksSubsystem>();
        services.AddSingleton<FrrSubsystem>();
        services.AddSingleton<DdnsSubsystem>();
        services.AddSingleton<FirewallSubsystem>();
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<SysctlSubsystem>());
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<WireGuardSubsystem>());
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<DdnsSubsystem>());
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<LinksSubsystem>());
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<FrrSubsystem>());
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<FirewallSubsystem>());
        services.AddSingleton<SdnSubsystem>();
        services.AddSingleton<ISubsystem>(sp => sp.GetRequiredService<SdnSubsystem>());
        services.AddSingleton(sp => new PathMtuProber(sp.GetService<IEchoProbe>() ?? new IcmpEchoProbe(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IPeerReportSource, PeerReportSource>();
        services.AddSingleton<Doctor>();
        return services;
    }
}

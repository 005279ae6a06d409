using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Daemon.Tests.Sdn;

public sealed class SdnRegistrationTests
{
    [Fact]
    public void Sdn_subsystem_is_registered_once_and_resolves()
    {
        var options = new DaemonOptions { Node = "pve1", StateDir = Path.GetTempPath() };
        var services = new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton(_ => new DaemonState(options.Node, options.Spec, DateTimeOffset.UnixEpoch))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddMeshSubsystems(options);
        Assert.Single(services, d => d.ServiceType == typeof(SdnSubsystem));

        using var provider = services.BuildServiceProvider();
        var sdn = Assert.Single(provider.GetServices<ISubsystem>().OfType<SdnSubsystem>());
        Assert.Equal("sdn", sdn.Name);
        Assert.Same(sdn, provider.GetRequiredService<SdnSubsystem>()); // the doctor reads host options through the same client
    }
}

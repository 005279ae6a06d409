using Microsoft.Extensions.Logging;
using ProxmoxSdn.Api;
using ProxmoxSdn.Fake;
using ProxmoxSdn.Sync;

namespace ProxmoxSdn.Tests;

/// <summary>Apply task outcome, unreachable nodes, and what ends up in logs.</summary>
public sealed class ApplyTests
{
    [Theory]
    [InlineData("8")]
    [InlineData("9")]
    public async Task Failed_apply_task_is_reported_with_its_exit_status(string schema)
    {
        await using var h = Harness.Start(schema);
        h.State.TaskExitStatus = "command 'ifreload -a' failed: exit code 1";

        var ex = await Assert.ThrowsAsync<ProxmoxSdnException>(() => h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken));

        Assert.Equal(SdnErrorKind.ApplyFailed, ex.Kind);
        Assert.Contains("ended with 'command 'ifreload -a' failed: exit code 1'", ex.Message, StringComparison.Ordinal);
        Assert.Null(h.State.LockToken);
        Assert.DoesNotContain(h.Server.Writes, w => w.Path.StartsWith("/cluster/firewall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_node_is_reported_not_fatal()
    {
        await using var h = Harness.Start("9", "pve1", "pve2");
        h.Server.Faults.Add(new Fault("GET", "/api2/json/nodes/pve2/sdn/zones", FaultKind.Status)
        {
            Status = 595, Reason = "No route to host", Times = 10,
        });

        var result = await h.Reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken);

        var bad = Assert.Single(result.NotAvailable);
        Assert.Equal("pve2", bad.Node);
        Assert.StartsWith("unreachable: ", bad.Status, StringComparison.Ordinal);
        Assert.Contains("No route to host", bad.Status, StringComparison.Ordinal);
        Assert.True(h.State.Groups.ContainsKey("mesh-sdn"));
    }

    [Fact]
    public async Task Logs_name_the_calls_but_never_the_token_secret()
    {
        await using var h = Harness.Start("9");
        var sink = new ListLogger();
        using var api = new ProxmoxApiClient(Harness.ClientOptions(h.Server), sink.For<ProxmoxApiClient>());
        var reconciler = new SdnReconciler(api, Harness.ReconcilerOptions(h.StateDir), sink.For<SdnReconciler>());

        await reconciler.ReconcileAsync(Seed.Roz(), TestContext.Current.CancellationToken);

        Assert.Contains(sink.Lines, l => l.Contains("POST /cluster/sdn/zones zone=crossite", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Lines, l => l.Contains("6f1c2f7e", StringComparison.Ordinal) || l.Contains("PVEAPIToken", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Lines, l => l.Contains(h.State.IssuedTokens[0], StringComparison.Ordinal));
    }

    private sealed class ListLogger
    {
        public List<string> Lines { get; } = [];

        public ILogger<T> For<T>() => new Typed<T>(this);

        private sealed class Typed<T>(ListLogger owner) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines)
                {
                    owner.Lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
                }
            }
        }
    }
}

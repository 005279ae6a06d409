using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;

namespace Mesh.Daemon.Tests.Reconcile;

public sealed class SpecWatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshd-watch-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("write")]
    [InlineData("replace")]
    public async Task Saving_the_spec_enqueues_a_pass(string how)
    {
        var spec = Path.Combine(_dir, "mesh.yaml");
        File.WriteAllText(spec, "mesh: {}\n");
        var queue = new ReconcileQueue();
        using var watcher = new SpecWatcher(new DaemonOptions { Spec = spec }, queue);
        await watcher.StartAsync(Ct);
        try
        {
            await Task.Delay(100, Ct); // the watcher starts in the background
            File.WriteAllText(Path.Combine(_dir, "unrelated.txt"), "x");
            if (how == "write")
            {
                File.WriteAllText(spec, "mesh: {name: x}\n");
            }
            else
            {
                // what editors and config management do: write a temporary file, rename it over the spec
                File.WriteAllText(spec + ".tmp", "mesh: {name: y}\n");
                File.Move(spec + ".tmp", spec, overwrite: true);
            }

            var reasons = await queue.WaitAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct);
            Assert.Equal(["spec-changed"], reasons);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }
}

using System.Runtime.InteropServices;

namespace Mesh.Daemon.Tests.Probe;

/// <summary>Runs code on a fresh thread that joined a network namespace (setns affects only that thread; sockets opened there stay in it).</summary>
internal static partial class InNamespace
{
    private const int CloneNewNet = 0x40000000;

    public static T Run<T>(string ns, Func<T> f, TimeSpan timeout)
    {
        T? result = default;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                using var h = File.OpenHandle($"/run/netns/{ns}");
                if (SetNs((int)h.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns into {ns} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                result = f();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        t.Start();
        if (!t.Join(timeout))
        {
            throw new TimeoutException($"code in namespace {ns} did not finish in {timeout.TotalSeconds} s");
        }

        return error is null ? result! : throw new InvalidOperationException($"in namespace {ns}: {error.Message}", error);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}

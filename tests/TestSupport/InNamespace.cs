using System.Runtime.InteropServices;

namespace TestSupport;

/// <summary>
/// Runs code on a fresh thread that joined a network namespace (setns affects only the calling thread), so TUN
/// devices and sockets created there belong to the test's namespace, never to the root one.
/// </summary>
public static partial class InNamespace
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>Runs <paramref name="f"/> inside namespace <paramref name="ns"/> (default time limit 30 s).</summary>
    public static T Run<T>(string ns, Func<T> f, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
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
        if (!t.Join(limit))
        {
            throw new TimeoutException($"code in namespace {ns} did not finish in {limit.TotalSeconds} s");
        }

        return error is null ? result! : throw new InvalidOperationException($"in namespace {ns}: {error.Message}", error);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}

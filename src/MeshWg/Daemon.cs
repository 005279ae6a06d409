using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MeshWg;

/// <summary>
/// Backgrounding without fork (.NET cannot fork): the parent re-executes itself with <see cref="ChildMarker"/> set
/// and returns once the child's interface and UAPI socket exist; the child starts its own session (setsid).
/// </summary>
internal static partial class Daemon
{
    public const string ChildMarker = "MESH_WG_DAEMON_CHILD";

    public static bool IsChild => Environment.GetEnvironmentVariable(ChildMarker) == "1";

    /// <summary>Starts the background child and waits (at most 30 s) until it serves its socket. Returns the exit code.</summary>
    public static int SpawnAndWait(string interfaceName, string socketPath)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the mesh-wg executable to re-run");
        var logging = Environment.GetEnvironmentVariable("LOG_LEVEL") is { Length: > 0 } and not "silent";
        var psi = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = !logging,
            RedirectStandardError = !logging,
        };
        psi.ArgumentList.Add("-f");
        psi.ArgumentList.Add(interfaceName);
        psi.Environment[ChildMarker] = "1";
        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {self}");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (child.WaitForExit(50))
            {
                Console.Error.WriteLine($"mesh-wg: the background process exited with {child.ExitCode} before {interfaceName} was ready" +
                    (logging ? string.Empty : " (run with -f or LOG_LEVEL=verbose to see why)"));
                return child.ExitCode == 0 ? 1 : child.ExitCode;
            }

            if (Serving(socketPath))
            {
                return 0;
            }
        }

        Console.Error.WriteLine($"mesh-wg: {interfaceName} was not ready within 30 s; stopping the background process {child.Id}");
        child.Kill();
        return 1;
    }

    private static bool Serving(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            s.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Detaches the child from the parent's session and terminal.</summary>
    public static void Detach() => _ = SetSid();

    [LibraryImport("libc", EntryPoint = "setsid")]
    private static partial int SetSid();
}

using System.Runtime.InteropServices;

namespace Netlink.Interop;

/// <summary>
/// Runs a function on a short-lived thread that has joined a named network namespace
/// (/var/run/netns/NAME, as `ip netns add` creates). Sockets created there stay in that namespace.
/// </summary>
internal static class NetNamespace
{
    public const string Directory = "/var/run/netns";

    /// <summary>Full path of the namespace file after validating the name.</summary>
    public static string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a network namespace name (as listed by `ip netns list`)", nameof(name));
        }

        return $"{Directory}/{name}";
    }

    /// <summary>Opens the namespace file; the caller closes the returned descriptor.</summary>
    public static int OpenFd(string name)
    {
        var path = PathOf(name);
        var fd = Native.Open(path, Native.ORdonly | Native.OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == Errno.ENOENT
                ? new NetlinkException(errno, $"network namespace '{name}' does not exist ({path}); create it with `ip netns add {name}`")
                : ErrorMapper.FromErrno(errno, $"opening {path}");
        }

        return fd;
    }

    public static T Run<T>(string name, Func<T> action)
    {
        var target = OpenFd(name);
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var original = Native.Open("/proc/thread-self/ns/net", Native.ORdonly | Native.OCloexec);
            try
            {
                if (Native.SetNs(target, Native.CloneNewNet) != 0)
                {
                    throw ErrorMapper.FromErrno(Marshal.GetLastPInvokeError(), $"joining network namespace '{name}'");
                }

                result = action();
            }
            catch (Exception e) when (e is NetlinkException or ArgumentException)
            {
                failure = e;
            }
            finally
            {
                if (original >= 0)
                {
                    _ = Native.SetNs(original, Native.CloneNewNet);
                    _ = Native.Close(original);
                }
            }
        })
        {
            IsBackground = true,
            Name = "netns-" + name,
        };
        try
        {
            thread.Start();
            thread.Join();
        }
        finally
        {
            _ = Native.Close(target);
        }

        return failure is null ? result! : throw failure;
    }
}

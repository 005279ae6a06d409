using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace WireGuard.Linux;

/// <summary>Translates errno at the edge into .NET exceptions whose messages say what failed.</summary>
internal static class LinuxError
{
    /// <summary>An <see cref="IOException"/> (HResult = errno) naming the call and the system's reason.</summary>
    public static IOException Io(string what, int errno) =>
        new($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})") { HResult = errno };

    /// <summary>A <see cref="SocketException"/> for socket calls (EADDRINUSE becomes AddressAlreadyInUse).</summary>
    public static Exception Socket(string what, int errno) => errno switch
    {
        Native.EADDRINUSE => new SocketException((int)SocketError.AddressAlreadyInUse, $"{what}: address already in use (another process holds this UDP port; pick another listen_port)"),
        _ => Io(what, errno),
    };
}

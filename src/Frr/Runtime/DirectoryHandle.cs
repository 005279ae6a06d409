using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Frr;

/// <summary>A read-only descriptor of a directory (.NET's file APIs refuse to open directories).</summary>
internal sealed partial class DirectoryHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC (same value on x86-64 and arm64)

    public DirectoryHandle()
        : base(ownsHandle: true)
    {
    }

    public static DirectoryHandle Open(string path) => OpenNative(path, OpenReadOnlyCloseOnExec);

    protected override bool ReleaseHandle() => CloseNative(handle) == 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial DirectoryHandle OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(IntPtr fd);
}

using System.Runtime.InteropServices;

namespace Frr;

/// <summary>
/// Writes a file atomically: a temp file in the same directory, fsync, mode, owner, rename over the
/// target, fsync of the directory. Readers see the old or the new file, never a partial one.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Mode of frr.conf and the daemons file: rw for the owner, r for the frr group.</summary>
    public const UnixFileMode ConfigMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public static void Write(string path, string content, UnixFileMode mode = ConfigMode)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var fs = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            }))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(content);
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temp, mode);
            ChownToFrr(temp);
            File.Move(temp, path, overwrite: true);
            FsyncDirectory(dir);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Gives the file to frr:frr when that user exists (FRR's daemons read their config as frr).</summary>
    private static void ChownToFrr(string path)
    {
        if (Lookup("/etc/passwd", "frr") is { } uid && Lookup("/etc/group", "frr") is { } gid && Environment.IsPrivilegedProcess)
        {
            if (Chown(path, uid, gid) != 0)
            {
                throw new FrrException(FrrErrorReason.CommandFailed,
                    $"chown frr:frr {path} failed (errno {Marshal.GetLastPInvokeError()}); run meshd as root");
            }
        }
    }

    private static int? Lookup(string file, string name)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split(':');
            if (parts.Length > 2 && parts[0] == name && int.TryParse(parts[2], out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Makes the rename durable: fsync of the directory that holds the entry.</summary>
    private static void FsyncDirectory(string dir)
    {
        using var handle = DirectoryHandle.Open(dir);
        if (handle.IsInvalid || Fsync(handle) != 0)
        {
            throw new FrrException(FrrErrorReason.CommandFailed,
                $"fsync of {dir} failed (errno {Marshal.GetLastPInvokeError()}); check the file system");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(DirectoryHandle fd);
}

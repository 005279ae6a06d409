namespace Mesh.Cli.Keys;

/// <summary>Writes secret files: mode 0600 from creation, complete before they appear, never overwriting.</summary>
public static class KeyFile
{
    /// <summary>Writes a temporary 0600 file beside the target, then links it into place; fails if the target exists.</summary>
    /// <exception cref="IOException">The target exists or the directory is not writable; the message says what to do.</exception>
    public static void CreateNew(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? "/";
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new IOException($"{path} already exists; refusing to overwrite a key (move it away first if you really want a new one)");
        }

        if (!Directory.Exists(dir))
        {
            throw new IOException($"directory {dir} does not exist; create it first (e.g. install -d -m 0700 {dir})");
        }

        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // File.Move without overwrite refuses an existing target (link + unlink on Linux), so a race cannot clobber a key.
            File.Move(temp, full, overwrite: false);
        }
        catch (IOException) when (File.Exists(full))
        {
            throw new IOException($"{path} already exists; refusing to overwrite a key (move it away first if you really want a new one)");
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

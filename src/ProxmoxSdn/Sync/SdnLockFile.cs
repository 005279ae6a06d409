namespace ProxmoxSdn.Sync;

/// <summary>
/// The PVE 9 SDN lock token meshd holds for one cluster, persisted (mode 0600) in the state directory so a
/// restarted meshd can release a lock it left behind.
/// </summary>
internal sealed class SdnLockFile(string stateDirectory, string cluster)
{
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, $"sdn-lock-{Sanitize(cluster)}.token");

    public string? Read() => File.Exists(Path) ? File.ReadAllText(Path).Trim() : null;

    public void Write(string token)
    {
        Directory.CreateDirectory(stateDirectory);
        var tmp = Path + ".tmp";
        File.Delete(tmp);
        using (var stream = new FileStream(tmp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        File.Move(tmp, Path, overwrite: true);
    }

    public void Delete() => File.Delete(Path);

    private static string Sanitize(string cluster) =>
        new(cluster.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
}

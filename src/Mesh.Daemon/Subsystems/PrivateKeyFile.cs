using WireGuard;

namespace Mesh.Daemon.Subsystems;

/// <summary>Reads this node's private key file (base64, as written by `meshctl keygen --out` or `wg genkey`).</summary>
public static class PrivateKeyFile
{
    /// <summary>Reads and checks the key; the message of the exception says what to do. The key is never logged.</summary>
    public static Key Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"no private key at {path}: run 'meshctl keygen --out {path}' on this node and put the printed public key in the spec");
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"{path} is readable by group or others: run 'chmod 600 {path}' (it holds the node's private key)");
        }

        var text = File.ReadAllText(path).Trim();
        if (!Key.TryParseBase64(text, out var key))
        {
            throw new InvalidOperationException($"{path} does not hold a WireGuard private key (44 base64 characters); regenerate it with 'meshctl keygen --out {path}'");
        }

        return key;
    }
}

using System.CommandLine;
using Mesh.Cli.Keys;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl keygen [--out FILE]</c>: a new WireGuard private key.</summary>
public static class KeygenCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "write the private key to this new file (mode 0600, never overwritten) and print the public key" };
        var command = new Command("keygen", "generate a WireGuard private key; without --out print it (like wg genkey)") { output };
        command.SetAction(result => Run(result, result.GetValue(output)));
        return command;
    }

    private static int Run(ParseResult result, string? path)
    {
        var privateKey = KeyMaterial.GeneratePrivateKey();
        if (path is null)
        {
            CliIo.Out(result).WriteLine(privateKey);
            return Cli.Ok;
        }

        if (!KeyMaterial.TryDerivePublicKey(privateKey, out var publicKey, out var error))
        {
            CliIo.Error(result).WriteLine($"meshctl: {error}");
            return Cli.Failed;
        }

        try
        {
            KeyFile.CreateNew(path, privateKey + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return Cli.Failed;
        }

        CliIo.Out(result).WriteLine(publicKey);
        return Cli.Ok;
    }
}

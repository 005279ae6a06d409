using System.CommandLine;
using Mesh.Cli.Keys;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl pubkey [FILE|-]</c>: the public key of a private key (like <c>wg pubkey</c>).</summary>
public static class PubkeyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "private key file, or - for standard input (the default)", DefaultValueFactory = _ => "-" };
        var command = new Command("pubkey", "print the public key of a private key read from a file or standard input") { file };
        command.SetAction(result => Run(result, result.GetValue(file) ?? "-"));
        return command;
    }

    private static int Run(ParseResult result, string path)
    {
        var text = CliIo.ReadFile(result, path);
        if (text is null)
        {
            return Cli.Usage;
        }

        if (!KeyMaterial.TryDerivePublicKey(text, out var publicKey, out var error))
        {
            CliIo.Error(result).WriteLine($"meshctl: {(path == "-" ? "standard input" : path)}: {error}");
            return Cli.Failed;
        }

        CliIo.Out(result).WriteLine(publicKey);
        return Cli.Ok;
    }
}

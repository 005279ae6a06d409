using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace Mesh.Daemon.Nft;

/// <summary>Runs nft (optionally inside a network namespace) with an argument array and a time limit.</summary>
internal sealed class NftCli(NftOptions options)
{
    public async Task<BufferedCommandResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (program, argv) = options.NetworkNamespace is { } ns
            ? (options.IpPath, (string[])["netns", "exec", ns, options.NftPath, .. args])
            : (options.NftPath, args.ToArray());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            return await Cli.Wrap(program)
                .WithArguments(argv)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token);
        }
        catch (Win32Exception e)
        {
            throw new NftException($"cannot run {program}: {e.Message}; install the nftables package (apt-get install nftables)", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NftException($"nft {string.Join(' ', args)} did not finish within {options.Timeout.TotalSeconds:0} s; check for a hung nft or netlink lock", e);
        }
    }
}

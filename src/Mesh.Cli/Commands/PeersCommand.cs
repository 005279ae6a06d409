using System.CommandLine;
using System.Text.Json;
using Mesh.Cli.Control;
using Mesh.Cli.Rendering;
using Mesh.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl peers [--json]</c>: one row per peer with endpoint, handshake, traffic, BGP and MTU.</summary>
public static class PeersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var socket = StatusCommand.SocketOption();
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("peers", "show this node's peers: endpoint, handshake age, rx/tx, BGP state, EVPN routes, path MTU") { socket, json };
        command.SetAction(result => Run(result, result.GetValue(socket)!, result.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult result, string socket, bool json)
    {
        PeersReport peers;
        try
        {
            peers = ControlClient.Send(socket, "peers").Peers ?? throw new ControlException("meshd sent no peers");
        }
        catch (ControlException e)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return Cli.Usage;
        }

        if (json)
        {
            CliIo.Out(result).WriteLine(JsonSerializer.Serialize(peers, ControlCliJson.Default.PeersReport));
        }
        else
        {
            PeersText.Write(CliIo.Out(result), peers, DateTimeOffset.UtcNow);
        }

        var now = DateTimeOffset.UtcNow;
        var stale = peers.Peers.Any(p => p.LatestHandshake is null || now - p.LatestHandshake.Value > TimeSpan.FromSeconds(180));
        return stale ? Cli.Failed : Cli.Ok;
    }
}

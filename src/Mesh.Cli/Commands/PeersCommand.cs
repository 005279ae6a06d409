using System.CommandLine;
using Mesh.Cli.Control;
using Mesh.Cli.Rendering;
using Mesh.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl peers [--json]</c>: one row per peer with endpoint, handshake, traffic, BGP and MTU.</summary>
public static class PeersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new ControlCommand<PeersReport>(
        "peers", "show this node's peers: endpoint, handshake age, rx/tx, BGP state, EVPN routes, path MTU",
        r => r.Peers, ControlCliJson.Default.PeersReport, PeersText.Write, ExitCode).Create();

    /// <summary>1 when a peer has no handshake in the last 180 s, else 0.</summary>
    public static int ExitCode(PeersReport peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var now = DateTimeOffset.UtcNow;
        var stale = peers.Peers.Any(p => p.LatestHandshake is null || now - p.LatestHandshake.Value > TimeSpan.FromSeconds(180));
        return stale ? Cli.Failed : Cli.Ok;
    }
}

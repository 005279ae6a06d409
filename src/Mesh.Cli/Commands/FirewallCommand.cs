using System.CommandLine;
using Mesh.Cli.Rendering;
using Mesh.Firewall;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl firewall show FILE --node NAME [--format nft|pve|json]</c>: the firewall generated for a node.</summary>
public static class FirewallCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the mesh spec (YAML)" };
        var node = new Option<string>("--node") { Description = "the node", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "nft (the script meshd loads on native nodes), pve (the Proxmox security group) or json",
            DefaultValueFactory = _ => "nft",
        };
        format.AcceptOnlyFromAmong([.. FirewallShow.Formats]);
        var show = new Command("show", "print the firewall rules generated for one node") { file, node, format };
        show.SetAction(r => Run(r, r.GetValue(file)!, r.GetValue(node)!, r.GetValue(format)!));
        return new Command("firewall", "generated firewall rules") { show };
    }

    private static int Run(ParseResult result, string path, string node, string format)
    {
        var spec = SpecFile.Load(result, path, out var code);
        if (spec is null)
        {
            return code;
        }

        var plan = SpecFile.Plan(result, spec, node);
        if (plan is null)
        {
            return Cli.Usage;
        }

        CliIo.Out(result).Write(FirewallShow.Render(plan.Firewall, format));
        return Cli.Ok;
    }
}

using System.CommandLine;
using Mesh.Cli.Rendering;
using Mesh.Json;
using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl plan FILE --node NAME [--json]</c>: what a node must become.</summary>
public static class PlanCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the mesh spec (YAML)" };
        var node = new Option<string>("--node") { Description = "the node to plan", Required = true };
        var json = new Option<bool>("--json") { Description = "print stable JSON" };
        var command = new Command("plan", "print the plan of one node: WireGuard, MTU, EVPN, devices, SDN objects, sysctls") { file, node, json };
        command.SetAction(result => Run(result, result.GetValue(file)!, result.GetValue(node)!, result.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult result, string path, string nodeName, bool json)
    {
        var text = CliIo.ReadFile(result, path);
        if (text is null)
        {
            return Cli.Usage;
        }

        var loaded = SpecLoader.Load(text, path);
        var error = CliIo.Error(result);
        if (loaded.HasErrors || loaded.Spec is null)
        {
            foreach (var d in loaded.Diagnostics.Where(d => d.IsError))
            {
                error.WriteLine(d.ToString());
            }

            error.WriteLine($"meshctl: {path} is invalid; fix the errors above (meshctl validate {path})");
            return Cli.Failed;
        }

        NodePlan plan;
        try
        {
            plan = Planner.Plan(loaded.Spec, nodeName);
        }
        catch (PlanException e)
        {
            error.WriteLine($"meshctl: {e.Message}");
            return Cli.Usage;
        }

        CliIo.Out(result).Write(json ? MeshJson.Serialize(plan) : PlanText.Render(plan));
        return Cli.Ok;
    }
}

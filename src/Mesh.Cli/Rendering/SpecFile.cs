using System.CommandLine;
using Mesh.Model;
using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Cli.Rendering;

/// <summary>Loading a spec and planning a node for commands, with the errors printed the way <c>meshctl plan</c> prints them.</summary>
internal static class SpecFile
{
    /// <summary>Reads and validates the spec; null (after printing why) when unreadable (exit 2) or invalid (exit 1).</summary>
    public static MeshSpec? Load(ParseResult result, string path, out int exitCode)
    {
        exitCode = Cli.Ok;
        var text = CliIo.ReadFile(result, path);
        if (text is null)
        {
            exitCode = Cli.Usage;
            return null;
        }

        var loaded = SpecLoader.Load(text, path);
        if (loaded.HasErrors || loaded.Spec is null)
        {
            var error = CliIo.Error(result);
            foreach (var d in loaded.Diagnostics.Where(d => d.IsError))
            {
                error.WriteLine(d.ToString());
            }

            error.WriteLine($"meshctl: {path} is invalid; fix the errors above (meshctl validate {path})");
            exitCode = Cli.Failed;
            return null;
        }

        return loaded.Spec;
    }

    /// <summary>Plans <paramref name="node"/>; null (after printing why, exit 2) when the node is not in the spec.</summary>
    public static NodePlan? Plan(ParseResult result, MeshSpec spec, string node)
    {
        try
        {
            return Planner.Plan(spec, node);
        }
        catch (PlanException e)
        {
            CliIo.Error(result).WriteLine($"meshctl: {e.Message}");
            return null;
        }
    }
}

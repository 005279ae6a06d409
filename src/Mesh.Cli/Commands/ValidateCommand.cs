using System.CommandLine;
using Mesh.Json;
using Mesh.Spec;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl validate FILE [--json]</c>: every problem of a spec, with file:line:col.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the mesh spec (YAML)" };
        var json = new Option<bool>("--json") { Description = "print a JSON report" };
        var command = new Command("validate", "check a mesh spec and print every error and warning; exit 0 when valid, 1 when not") { file, json };
        command.SetAction(result => Run(result, result.GetValue(file)!, result.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult result, string path, bool json)
    {
        var text = CliIo.ReadFile(result, path);
        if (text is null)
        {
            return Cli.Usage;
        }

        var loaded = SpecLoader.Load(text, path);
        var errors = loaded.Diagnostics.Count(d => d.IsError);
        var warnings = loaded.Diagnostics.Count - errors;
        var output = CliIo.Out(result);
        if (json)
        {
            output.Write(MeshJson.Serialize(new ValidationReport(path, errors == 0, errors, warnings, loaded.Diagnostics.Items)));
        }
        else
        {
            foreach (var d in loaded.Diagnostics)
            {
                output.WriteLine(d.ToString());
            }

            output.WriteLine(errors == 0
                ? $"{path}: valid ({Count(warnings, "warning")})"
                : $"{path}: invalid ({Count(errors, "error")}, {Count(warnings, "warning")})");
        }

        return errors == 0 ? Cli.Ok : Cli.Failed;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}

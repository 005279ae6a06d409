using Mesh.Collections;
using Mesh.Diagnostics;
using Mesh.Model;
using YamlDotNet.Core;

namespace Mesh.Spec;

/// <summary>The outcome of loading a spec: the model (null when the YAML itself is unusable), every diagnostic, and the source map.</summary>
/// <param name="Spec">The bound model; only meaningful for planning when <see cref="HasErrors"/> is false.</param>
/// <param name="Diagnostics">Every error and warning, sorted by line.</param>
/// <param name="Source">Positions of fields by path.</param>
public sealed record SpecLoadResult(MeshSpec? Spec, EquatableArray<Diagnostic> Diagnostics, SpecSource Source)
{
    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>Loads and validates a mesh spec from YAML text. Pure: the caller reads the file.</summary>
public static class SpecLoader
{
    /// <summary>Parses, binds and validates; reports every problem at once with its file:line:col.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">The file name used in diagnostics.</param>
    public static SpecLoadResult Load(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var source = new SpecSource(file);
        var ctx = new BindContext(source);
        YNode? root;
        try
        {
            root = YamlTree.Parse(yaml, (node, message) => ctx.Error(node, string.Empty, message));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            ctx.Add(Severity.Error, (int)e.Start.Line, (int)e.Start.Column, string.Empty, $"YAML syntax error: {message}");
            return Finish(null, ctx);
        }

        if (root is not YMapping map)
        {
            var line = root?.Line ?? 1;
            var column = root?.Column ?? 1;
            ctx.Add(Severity.Error, line, column, string.Empty, "the spec must be a mapping with mesh, overlay, topology and sites; see docs/spec.md");
            return Finish(null, ctx);
        }

        PrivateKeyScan.Scan(ctx, map, string.Empty);
        var spec = SpecBinder.Bind(ctx, map);
        SpecValidator.Validate(spec, source, ctx.Diagnostics);
        return Finish(spec, ctx);
    }

    private static SpecLoadResult Finish(MeshSpec? spec, BindContext ctx)
    {
        var sorted = ctx.Diagnostics
            .Distinct()
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal);
        return new SpecLoadResult(spec, EquatableArray.From(sorted), ctx.Source);
    }
}

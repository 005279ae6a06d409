using Mesh.Diagnostics;

namespace Mesh.Spec;

/// <summary>Collects diagnostics and positions while binding the YAML tree to the spec model.</summary>
internal sealed class BindContext(SpecSource source)
{
    public SpecSource Source { get; } = source;

    public List<Diagnostic> Diagnostics { get; } = [];

    public void Error(YNode node, string path, string message) => Add(Severity.Error, node.Line, node.Column, path, message);

    public void Warning(YNode node, string path, string message) => Add(Severity.Warning, node.Line, node.Column, path, message);

    /// <summary>Reports a malformed value and marks the path so semantic checks skip it.</summary>
    public void Invalid(YNode node, string path, string message)
    {
        Source.MarkInvalid(path);
        Error(node, path, message);
    }

    public void Add(Severity severity, int line, int column, string path, string message) =>
        Diagnostics.Add(new Diagnostic(severity, Source.File, line, column, path, message));

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}

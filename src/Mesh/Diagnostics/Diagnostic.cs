using System.Text.Json.Serialization;

namespace Mesh.Diagnostics;

/// <summary>How serious a diagnostic is: errors make a spec unusable, warnings flag risky choices.</summary>
public enum Severity
{
    /// <summary>A risky but accepted choice.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>The spec cannot be used until this is fixed.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>One problem found in a spec, with its place.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="File">The file name as given by the caller.</param>
/// <param name="Line">1-based line (0 when unknown).</param>
/// <param name="Column">1-based column (0 when unknown).</param>
/// <param name="Path">Dotted field path such as <c>sites.wro.nodes.wro1.endpoint</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record Diagnostic(Severity Severity, string File, int Line, int Column, string Path, string Message)
{
    /// <summary>True for errors.</summary>
    [JsonIgnore]
    public bool IsError => Severity == Severity.Error;

    /// <summary><c>FILE:LINE:COL: field.path: message</c> (warnings carry a <c>warning: </c> prefix on the message).</summary>
    public override string ToString()
    {
        var prefix = Severity == Severity.Warning ? "warning: " : string.Empty;
        var path = string.IsNullOrEmpty(Path) ? "(document)" : Path;
        return $"{File}:{Line}:{Column}: {path}: {prefix}{Message}";
    }
}

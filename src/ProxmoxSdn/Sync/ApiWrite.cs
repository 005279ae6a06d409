using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>One write call the reconciler makes (or would make in plan mode).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">API path below /api2/json.</param>
/// <param name="Parameters">Form parameters in the order sent (never secrets; the lock token is added when sending).</param>
public sealed record ApiWrite(ApiMethod Method, string Path, ValueList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Renders <c>POST /cluster/sdn/zones zone=crossite type=evpn ...</c>.</summary>
    public string Render()
    {
        var parts = Parameters.Select(p => p.Key + "=" + Quote(p.Value));
        return string.Join(' ', new[] { Method.Verb(), Path }.Concat(parts));
    }

    /// <inheritdoc/>
    public override string ToString() => Render();

    internal static ApiWrite Of(ApiMethod method, string path, IEnumerable<KeyValuePair<string, string>> parameters) =>
        new(method, path, parameters.ToValueList());

    private static string Quote(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : value;
}

using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>A response of the fake API: status, reason phrase (PVE puts its message there), data, errors.</summary>
public sealed record PveResponse(int Status, string Reason, JsonNode? Data, IReadOnlyDictionary<string, string>? Errors = null)
{
    /// <summary>HTTP 200 with <paramref name="data"/>.</summary>
    public static PveResponse Ok(JsonNode? data = null) => new(200, "OK", data);

    /// <summary>PVE's answer to <c>die "..."</c> in a handler: HTTP 500 with the message as reason.</summary>
    public static PveResponse Die(string message) => new(500, message, null);

    /// <summary>PVE's answer to a parameter exception: HTTP 400 "Parameter verification failed." with errors.</summary>
    public static PveResponse ParamError(IReadOnlyDictionary<string, string> errors) => new(400, "Parameter verification failed.", null, errors);

    /// <summary>A parameter exception for a single parameter.</summary>
    public static PveResponse ParamError(string name, string message) => ParamError(new Dictionary<string, string> { [name] = message });
}

/// <summary>A request after routing: schema template, method and all parameters (path, query and form).</summary>
public sealed record PveRequest(string Method, string Path, string Template, IReadOnlyDictionary<string, string> Params)
{
    /// <summary>A required parameter.</summary>
    public string this[string key] => Params[key];

    /// <summary>A parameter, or null when absent.</summary>
    public string? Get(string key) => Params.TryGetValue(key, out var v) ? v : null;

    /// <summary>A boolean parameter as PVE parses it (1/true/yes/on), or <paramref name="fallback"/> when absent.</summary>
    public bool Flag(string key, bool fallback) =>
        Get(key) is { } v ? v.ToLowerInvariant() is "1" or "true" or "yes" or "on" : fallback;
}

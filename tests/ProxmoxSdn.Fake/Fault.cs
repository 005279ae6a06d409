namespace ProxmoxSdn.Fake;

/// <summary>What an injected fault does.</summary>
public enum FaultKind
{
    /// <summary>Close the TCP connection with RST before answering.</summary>
    Reset,

    /// <summary>Answer with a given status and reason.</summary>
    Status,

    /// <summary>Hold the answer for <see cref="Fault.Delay"/> (client timeouts).</summary>
    Delay,
}

/// <summary>A fault injected into the next <see cref="Times"/> matching requests.</summary>
public sealed record Fault(string Method, string PathPrefix, FaultKind Kind)
{
    /// <summary>How many more matching requests the fault applies to.</summary>
    public int Times { get; set; } = 1;

    /// <summary>HTTP status for <see cref="FaultKind.Status"/>.</summary>
    public int Status { get; init; } = 500;

    /// <summary>Reason phrase for <see cref="FaultKind.Status"/>.</summary>
    public string Reason { get; init; } = "got no worker upid - worker start failed";

    /// <summary>Per-parameter errors for <see cref="FaultKind.Status"/>, if any.</summary>
    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    /// <summary>How long <see cref="FaultKind.Delay"/> holds the answer.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Whether the fault still applies to this method (or * for any) and path.</summary>
    public bool Matches(string method, string path) =>
        Times > 0 && (Method == "*" || Method == method) && path.StartsWith(PathPrefix, StringComparison.Ordinal);
}

/// <summary>One request the fake received (after parsing), for assertions.</summary>
public sealed record LoggedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Params, int Status)
{
    /// <summary>Whether the request was not a GET.</summary>
    public bool IsWrite => Method != "GET";

    /// <summary>One line: method, path, parameters and status.</summary>
    public override string ToString() => $"{Method} {Path} {string.Join(' ', Params.Select(p => p.Key + "=" + p.Value))} -> {Status}";
}

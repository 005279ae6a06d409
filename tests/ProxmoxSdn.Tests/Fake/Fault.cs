namespace ProxmoxSdn.Tests.Fake;

/// <summary>What an injected fault does.</summary>
internal enum FaultKind
{
    /// <summary>Close the TCP connection with RST before answering.</summary>
    Reset,

    /// <summary>Answer with a given status and reason.</summary>
    Status,

    /// <summary>Hold the answer for <see cref="Fault.Delay"/> (client timeouts).</summary>
    Delay,
}

/// <summary>A fault injected into the next <see cref="Times"/> matching requests.</summary>
internal sealed record Fault(string Method, string PathPrefix, FaultKind Kind)
{
    public int Times { get; set; } = 1;

    public int Status { get; init; } = 500;

    public string Reason { get; init; } = "got no worker upid - worker start failed";

    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    public TimeSpan Delay { get; init; }

    public bool Matches(string method, string path) =>
        Times > 0 && (Method == "*" || Method == method) && path.StartsWith(PathPrefix, StringComparison.Ordinal);
}

/// <summary>One request the fake received (after parsing), for assertions.</summary>
internal sealed record LoggedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Params, int Status)
{
    public bool IsWrite => Method != "GET";

    public override string ToString() => $"{Method} {Path} {string.Join(' ', Params.Select(p => p.Key + "=" + p.Value))} -> {Status}";
}

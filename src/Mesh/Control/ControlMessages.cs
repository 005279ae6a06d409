using System.Text.Json.Serialization;

namespace Mesh.Control;

/// <summary>
/// The control socket protocol (version 1): one JSON request per line, one JSON response per line, over
/// the Unix socket meshd listens on (root or the meshd group only).
/// </summary>
public static class ControlProtocol
{
    /// <summary>Protocol version spoken by this build.</summary>
    public const int Version = 1;

    /// <summary>Default socket path (systemd RuntimeDirectory=meshd).</summary>
    public const string DefaultSocketPath = "/run/meshd/meshd.sock";
}

/// <summary>A request: <c>{"v":1,"command":"status"}</c>. Commands: status, peers, apply, doctor.</summary>
public sealed record ControlRequest(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("command")] string Command);

/// <summary>A response. <see cref="Error"/> is set when <see cref="Ok"/> is false.</summary>
public sealed record ControlResponse(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("status")] StatusReport? Status = null,
    [property: JsonPropertyName("peers")] PeersReport? Peers = null,
    [property: JsonPropertyName("doctor")] DoctorReport? Doctor = null);

/// <summary>Health of one subsystem after the latest reconcile pass.</summary>
public enum Health
{
    /// <summary>Not reconciled yet.</summary>
    Unknown,

    /// <summary>In the desired state.</summary>
    Healthy,

    /// <summary>Working but not fully as planned (retrying).</summary>
    Degraded,

    /// <summary>Failed; the message says why and what to do.</summary>
    Failed,

    /// <summary>Not used on this node (e.g. Proxmox SDN on a native node).</summary>
    Disabled,
}

/// <summary>One subsystem's latest result.</summary>
public sealed record SubsystemReport(
    string Name,
    Health Health,
    string Message,
    int Changes,
    DateTimeOffset? LastRun,
    DateTimeOffset? LastChange,
    int ConsecutiveFailures);

/// <summary>`meshctl status`.</summary>
public sealed record StatusReport(
    string Node,
    string Site,
    string Role,
    string Dataplane,
    string SpecPath,
    string? SpecHash,
    IReadOnlyList<string> SpecErrors,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastReconcile,
    double? LastReconcileMs,
    long Reconciles,
    IReadOnlyList<SubsystemReport> Subsystems,
    string Version);

/// <summary>One row of `meshctl peers`. <c>PathMtu</c> is the planned overlay (VM) MTU; <c>ProbedMtu</c> the overlay MTU the
/// path really carries (the largest inner IPv4 packet a don't-fragment ping got through the tunnel, minus VXLAN's 50 bytes;
/// null until probed) and <c>ProbedAt</c> when it was probed.</summary>
public sealed record PeerReport(
    string Name,
    string Site,
    string PublicKey,
    string? EndpointName,
    string? EndpointAddress,
    DateTimeOffset? ResolvedAt,
    double? TtlLeftSeconds,
    string? DnsError,
    DateTimeOffset? LatestHandshake,
    long RxBytes,
    long TxBytes,
    string? BgpState,
    string? BgpUptime,
    int? EvpnPrefixesReceived,
    int? PathMtu,
    int? ProbedMtu = null,
    DateTimeOffset? ProbedAt = null);

/// <summary>`meshctl peers`.</summary>
public sealed record PeersReport(string Node, IReadOnlyList<PeerReport> Peers);

/// <summary>Outcome of one doctor check.</summary>
public enum Verdict
{
    /// <summary>As it should be.</summary>
    Ok,

    /// <summary>Works, but risky or not as planned.</summary>
    Warn,

    /// <summary>Broken; <see cref="DoctorFinding.Fix"/> says what to do.</summary>
    Fail,
}

/// <summary>One finding of `meshctl doctor`.</summary>
public sealed record DoctorFinding(string Check, Verdict Verdict, string Message, string? Fix);

/// <summary>`meshctl doctor`: every trap of the seed checked on this node.</summary>
public sealed record DoctorReport(string Node, IReadOnlyList<DoctorFinding> Findings);

/// <summary>Source-generated JSON for the control protocol (AOT-friendly, camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlResponse))]
public sealed partial class ControlJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using Mesh.Control;

namespace Mesh.Cli.Control;

/// <summary>Indented JSON for `--json` output of the daemon reports.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(PeersReport))]
[JsonSerializable(typeof(DoctorReport))]
public sealed partial class ControlCliJson : JsonSerializerContext;

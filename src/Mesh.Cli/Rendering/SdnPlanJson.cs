using System.Text.Json.Serialization;

namespace Mesh.Cli.Rendering;

/// <summary>Source-generated JSON for <c>meshctl sdn plan --json</c> (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SdnPlanText.Report))]
internal sealed partial class SdnPlanJson : JsonSerializerContext;

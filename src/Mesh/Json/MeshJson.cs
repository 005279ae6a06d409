using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mesh.Diagnostics;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Json;

/// <summary>Result of <c>meshctl validate --json</c>.</summary>
/// <param name="File">The file validated.</param>
/// <param name="Valid">True when there are no errors.</param>
/// <param name="Errors">Number of errors.</param>
/// <param name="Warnings">Number of warnings.</param>
/// <param name="Diagnostics">Every diagnostic, sorted by position.</param>
public sealed record ValidationReport(string File, bool Valid, int Errors, int Warnings, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Source-generated JSON for plans and reports: camelCase, enums as their spec spelling, indented, '\n' line ends.
/// Every <c>EquatableArray&lt;T&gt;</c> element type a plan holds has its closed converter listed here (and its
/// <c>JsonSerializable</c> entry); a unit test checks the list is complete.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    UseStringEnumConverter = true,
    Converters = [
        typeof(IPAddressJsonConverter), typeof(IPNetworkJsonConverter), typeof(WireGuardKeyJsonConverter), typeof(SdnIdJsonConverter),
        typeof(InterfaceNameJsonConverter), typeof(FirewallPlanJsonConverter), typeof(AsnJsonConverter), typeof(VniJsonConverter),
        typeof(EquatableArrayJsonConverter<IPAddress>), typeof(EquatableArrayJsonConverter<IPNetwork>), typeof(EquatableArrayJsonConverter<string>),
        typeof(EquatableArrayJsonConverter<WireGuardPeerPlan>), typeof(EquatableArrayJsonConverter<SubnetPlan>),
        typeof(EquatableArrayJsonConverter<EvpnVnet>), typeof(EquatableArrayJsonConverter<BridgeDevice>),
        typeof(EquatableArrayJsonConverter<VxlanDevice>), typeof(EquatableArrayJsonConverter<SdnSubnet>),
        typeof(EquatableArrayJsonConverter<SysctlSetting>)])]
[JsonSerializable(typeof(NodePlan))]
[JsonSerializable(typeof(ValidationReport))]
[JsonSerializable(typeof(WireGuardPeerPlan))]
[JsonSerializable(typeof(SubnetPlan))]
[JsonSerializable(typeof(EvpnVnet))]
[JsonSerializable(typeof(BridgeDevice))]
[JsonSerializable(typeof(VxlanDevice))]
[JsonSerializable(typeof(SdnSubnet))]
[JsonSerializable(typeof(SysctlSetting))]
[JsonSerializable(typeof(IPAddress))]
[JsonSerializable(typeof(IPNetwork))]
[JsonSerializable(typeof(string))]
public sealed partial class MeshJsonContext : JsonSerializerContext;

/// <summary>Stable JSON for plans and validation reports: same value, same bytes.</summary>
public static class MeshJson
{
    // relaxed escaping: keys contain '+' and firewall ipsets '+sdn/...'; the output goes to files and terminals, never into HTML
    private static readonly MeshJsonContext Context = new(new JsonSerializerOptions(MeshJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Serializes a node plan (ends with a newline).</summary>
    public static string Serialize(NodePlan plan) => JsonSerializer.Serialize(plan, Context.NodePlan) + "\n";

    /// <summary>Serializes a validation report (ends with a newline).</summary>
    public static string Serialize(ValidationReport report) => JsonSerializer.Serialize(report, Context.ValidationReport) + "\n";
}

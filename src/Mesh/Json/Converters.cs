using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Mesh.Collections;
using Mesh.Firewall;
using Mesh.Model;

namespace Mesh.Json;

/// <summary>Writes an address as its canonical text.</summary>
public sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    /// <inheritdoc/>
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPAddress.TryParse(reader.GetString(), out var ip) ? ip : throw new JsonException("expected an IP address");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>Writes a network as <c>address/prefix</c>.</summary>
public sealed class IPNetworkJsonConverter : JsonConverter<IPNetwork>
{
    /// <inheritdoc/>
    public override IPNetwork Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPNetwork.TryParse(reader.GetString(), out var net) ? net : throw new JsonException("expected a CIDR network");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IPNetwork value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>Writes value types through their text form.</summary>
public abstract class TextJsonConverter<T> : JsonConverter<T>
{
    /// <summary>Parses the text form.</summary>
    protected abstract bool TryParse(string? text, out T value);

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryParse(reader.GetString(), out var value) ? value : throw new JsonException($"invalid {typeof(T).Name}");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value?.ToString());
}

/// <summary>WireGuard keys as base64.</summary>
public sealed class WireGuardKeyJsonConverter : TextJsonConverter<WireGuardKey>
{
    /// <inheritdoc/>
    protected override bool TryParse(string? text, out WireGuardKey value) => WireGuardKey.TryParse(text, out value);
}

/// <summary>SDN ids as text.</summary>
public sealed class SdnIdJsonConverter : TextJsonConverter<SdnId>
{
    /// <inheritdoc/>
    protected override bool TryParse(string? text, out SdnId value) => SdnId.TryParse(text, out value);
}

/// <summary>Interface names as text.</summary>
public sealed class InterfaceNameJsonConverter : TextJsonConverter<InterfaceName>
{
    /// <inheritdoc/>
    protected override bool TryParse(string? text, out InterfaceName value) => InterfaceName.TryParse(text, out value);
}

/// <summary>Embeds the firewall plan in the shape <see cref="FirewallJson"/> defines (one JSON form for plan and firewall show).</summary>
public sealed class FirewallPlanJsonConverter : JsonConverter<FirewallPlan>
{
    /// <inheritdoc/>
    public override FirewallPlan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("firewall plans are generated from the spec, not read back");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FirewallPlan value, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.Parse(FirewallJson.Write(value));
        doc.RootElement.WriteTo(writer);
    }
}

/// <summary>AS numbers as JSON numbers.</summary>
public sealed class AsnJsonConverter : JsonConverter<Asn>
{
    /// <inheritdoc/>
    public override Asn Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Asn.TryCreate(reader.GetInt64(), out var asn) ? asn : throw new JsonException("invalid ASN");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Asn value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

/// <summary>VNIs as JSON numbers.</summary>
public sealed class VniJsonConverter : JsonConverter<Vni>
{
    /// <inheritdoc/>
    public override Vni Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Vni.TryCreate(reader.GetInt64(), out var vni) ? vni : throw new JsonException("invalid VNI");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Vni value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

/// <summary>
/// Equatable arrays as JSON arrays. Closed per element type in the context's converter list (no runtime generic
/// instantiation, so Native AOT needs no dynamic code); the element metadata comes from the same context.
/// </summary>
/// <typeparam name="T">The element type (must be known to the context's resolver).</typeparam>
public sealed class EquatableArrayJsonConverter<T> : JsonConverter<EquatableArray<T>>
{
    /// <inheritdoc/>
    public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array of {typeof(T).Name}");
        }

        var info = ElementInfo(options);
        var items = ImmutableArray.CreateBuilder<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return new EquatableArray<T>(items.ToImmutable());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var info = ElementInfo(options);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, info);
        }

        writer.WriteEndArray();
    }

    private static JsonTypeInfo<T> ElementInfo(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

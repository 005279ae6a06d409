using System.Collections.Immutable;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Mesh.Collections;
using Mesh.Json;
using Mesh.Planning;

namespace Mesh.Cli.Tests.Json;

/// <summary>
/// MeshJsonContext lists one closed EquatableArray converter per element type (Native AOT cannot close generics at
/// run time): every EquatableArray a plan or validation report holds must have its converter there.
/// </summary>
public sealed class MeshJsonConvertersTests
{
    [Fact]
    public void Every_equatable_array_reachable_from_plans_and_reports_has_a_converter()
    {
        var arrays = new HashSet<Type>();
        Walk(typeof(NodePlan), arrays, []);
        Walk(typeof(ValidationReport), arrays, []);
        var converters = MeshJsonContext.Default.Options.Converters;

        Assert.NotEmpty(arrays);
        Assert.All(arrays, t => Assert.True(converters.Any(c => c.CanConvert(t)), $"{Name(t)}: add typeof(EquatableArrayJsonConverter<{Name(t.GetGenericArguments()[0])}>) to MeshJsonContext"));
    }

    [Fact]
    public void Equatable_array_converter_round_trips_through_the_context()
    {
        var options = MeshJsonContext.Default.Options;
        var value = new EquatableArray<IPNetwork>([IPNetwork.Parse("10.1.0.0/16"), IPNetwork.Parse("fd00::/64")]);

        var json = JsonSerializer.Serialize(value, options.GetTypeInfo(typeof(EquatableArray<IPNetwork>)));
        var back = (EquatableArray<IPNetwork>)JsonSerializer.Deserialize(json, options.GetTypeInfo(typeof(EquatableArray<IPNetwork>)))!;

        Assert.Equal("[\"10.1.0.0/16\",\"fd00::/64\"]", json.Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(value, back);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{}", options.GetTypeInfo(typeof(EquatableArray<IPNetwork>))));
    }

    private static void Walk(Type type, HashSet<Type> arrays, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType)
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            arrays.Add(type);
            Walk(type.GetGenericArguments()[0], arrays, seen);
            return;
        }

        if (MeshJsonContext.Default.Options.Converters.Any(c => c.CanConvert(type)))
        {
            return; // written whole by its own converter (e.g. the firewall plan)
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var def && (def == typeof(IReadOnlyList<>) || def == typeof(ImmutableArray<>) || def == typeof(Nullable<>)))
        {
            Walk(type.GetGenericArguments()[0], arrays, seen);
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Walk(property.PropertyType, arrays, seen);
        }
    }

    private static string Name(Type t) => t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>" : t.Name;
}

using System.Net;
using System.Runtime.InteropServices;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>
/// Sorting in <see cref="NetworkOrder"/>'s order (family, then address bytes, then prefix length; stable) without its
/// per-comparison cost: <see cref="NetworkOrder.CompareAddresses"/> copies both addresses into new arrays on every
/// comparison, which made sorting the VTEPs and routes of a 2,000-node mesh allocate megabytes. Here each item's key
/// is read once.
/// </summary>
internal static class PlanOrder
{
    /// <summary>Same result as <c>EquatableArray.Sorted(items, NetworkOrder.Addresses)</c>.</summary>
    public static EquatableArray<IPAddress> Addresses(IEnumerable<IPAddress> items)
    {
        var array = items.ToArray();
        var keys = new NetworkSortKey[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            keys[i] = NetworkSortKey.Of(array[i], 0, i);
        }

        Array.Sort(keys, array);
        return new(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }

    /// <summary>Same result as <c>EquatableArray.Sorted(items, NetworkOrder.Networks)</c>.</summary>
    public static EquatableArray<IPNetwork> Networks(IEnumerable<IPNetwork> items)
    {
        var array = items.ToArray();
        var keys = new NetworkSortKey[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            keys[i] = NetworkSortKey.Of(array[i].BaseAddress, array[i].PrefixLength, i);
        }

        Array.Sort(keys, array);
        return new(ImmutableCollectionsMarshal.AsImmutableArray(array));
    }
}

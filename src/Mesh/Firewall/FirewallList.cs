using System.Collections;
using System.Runtime.CompilerServices;

namespace Mesh.Firewall;

/// <summary>
/// An immutable list with value equality, so firewall records compare by content (snapshots, "unchanged" checks).
/// Build it with a collection expression: <c>FirewallList&lt;int&gt; l = [1, 2];</c>.
/// </summary>
[CollectionBuilder(typeof(FirewallList), nameof(FirewallList.Create))]
public sealed class FirewallList<T> : IReadOnlyList<T>, IEquatable<FirewallList<T>>
{
    private readonly T[] _items;

    internal FirewallList(T[] items) => _items = items;

    /// <summary>The empty list.</summary>
    public static FirewallList<T> Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <summary>The items as a span (no copy).</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(FirewallList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        var cmp = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!cmp.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FirewallList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in _items)
        {
            h.Add(item);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Factory for <see cref="FirewallList{T}"/>.</summary>
public static class FirewallList
{
    /// <summary>Copies the items into a new list (the collection-expression builder).</summary>
    public static FirewallList<T> Create<T>(ReadOnlySpan<T> items) =>
        items.IsEmpty ? FirewallList<T>.Empty : new FirewallList<T>(items.ToArray());

    /// <summary>Wraps an array the caller gives up (no copy).</summary>
    internal static FirewallList<T> Own<T>(T[] items) => items.Length == 0 ? FirewallList<T>.Empty : new FirewallList<T>(items);

    /// <summary>Wraps the contents of a list builder.</summary>
    internal static FirewallList<T> Own<T>(List<T> items) => Own(items.ToArray());
}

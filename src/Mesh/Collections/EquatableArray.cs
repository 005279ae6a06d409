using System.Collections;
using System.Collections.Immutable;

namespace Mesh.Collections;

/// <summary>
/// An immutable array with value equality (element by element), so records holding it compare by content.
/// The default value behaves as an empty array.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps an immutable array (a default array counts as empty).</summary>
    public EquatableArray(ImmutableArray<T> items) => _items = items;

    /// <summary>An empty array.</summary>
    public static EquatableArray<T> Empty => new(ImmutableArray<T>.Empty);

    /// <summary>The wrapped items (never default).</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    /// <inheritdoc/>
    public int Count => Items.Length;

    /// <inheritdoc/>
    public T this[int index] => Items[index];

    /// <summary>True when there are no items.</summary>
    public bool IsEmpty => Items.IsEmpty;

    /// <summary>Element-wise equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Element-wise inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"[{string.Join(", ", Items)}]";
}

/// <summary>Factory helpers for <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Copies the items into a new array.</summary>
    public static EquatableArray<T> From<T>(IEnumerable<T> items) => new([.. items]);

    /// <summary>Copies the items into a new array, sorted with the given comparer.</summary>
    public static EquatableArray<T> Sorted<T>(IEnumerable<T> items, IComparer<T>? comparer = null) =>
        new([.. items.Order(comparer ?? Comparer<T>.Default)]);

    /// <summary>Copies the items into a new array, sorted by a key.</summary>
    public static EquatableArray<T> SortedBy<T, TKey>(IEnumerable<T> items, Func<T, TKey> key) =>
        new([.. items.OrderBy(key)]);

    /// <summary>Copies the items into a new array.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => From(items);
}

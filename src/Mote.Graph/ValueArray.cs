using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Mote.Graph;

/// <summary>
/// An immutable array that compares by content, so that records holding shapes, index lists and
/// constant data have value equality (a read → write → read round trip can be checked with ==).
/// </summary>
[CollectionBuilder(typeof(ValueArray), nameof(ValueArray.Create))]
public readonly struct ValueArray<T> : IReadOnlyList<T>, IEquatable<ValueArray<T>>
    where T : IEquatable<T>
{
    private readonly ImmutableArray<T> _items;

    public ValueArray(ImmutableArray<T> items) => _items = items.IsDefault ? ImmutableArray<T>.Empty : items;

    public ValueArray(ReadOnlySpan<T> items) => _items = ImmutableArray.Create(items);

    public static ValueArray<T> Empty => new(ImmutableArray<T>.Empty);

    public int Count => Items.Length;

    public bool IsEmpty => Items.IsEmpty;

    public T this[int index] => Items[index];

    public ReadOnlySpan<T> AsSpan() => Items.AsSpan();

    public ReadOnlyMemory<T> AsMemory() => Items.AsMemory();

    public ImmutableArray<T> AsImmutableArray() => Items;

    private ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public static implicit operator ValueArray<T>(T[] items) => new(items);

    public static implicit operator ValueArray<T>(ImmutableArray<T> items) => new(items);

    public bool Equals(ValueArray<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Items.Length);
        foreach (var item in Items.AsSpan()[..Math.Min(Items.Length, 16)])
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    public override string ToString() => "[" + string.Join(",", Items) + "]";
}

/// <summary>Builds <see cref="ValueArray{T}"/> from collection expressions.</summary>
public static class ValueArray
{
    public static ValueArray<T> Create<T>(ReadOnlySpan<T> items)
        where T : IEquatable<T> => new(items);
}

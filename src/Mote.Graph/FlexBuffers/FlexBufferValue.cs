using System.Collections.Immutable;

namespace Mote.Graph.FlexBuffers;

/// <summary>
/// One decoded FlexBuffers value. Scalars keep their type (indirect scalars read as their direct type); vectors,
/// typed or not, hold their elements as values; maps are <see cref="FlexBufferMap"/>. The <c>As*</c> accessors
/// convert where FlexBuffers does without loss and otherwise throw <see cref="InvalidModelException"/> naming the
/// source, so a kernel can read its options without checking types itself.
/// </summary>
public sealed class FlexBufferValue
{
    private readonly object? _value;

    internal FlexBufferValue(FlexBufferType type, object? value, string source)
    {
        Type = type;
        _value = value;
        Source = source;
    }

    public FlexBufferType Type { get; }

    /// <summary>Where the value came from (a file and the place in it), for error messages.</summary>
    public string Source { get; }

    public bool IsNull => Type == FlexBufferType.Null;

    public long AsInt64() => _value switch
    {
        long value => value,
        ulong value when value <= long.MaxValue => (long)value,
        bool value => value ? 1 : 0,
        _ => throw Mismatch("an integer"),
    };

    public int AsInt32()
    {
        long value = AsInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Mismatch("a 32-bit integer");
    }

    public ulong AsUInt64() => _value switch
    {
        ulong value => value,
        long value when value >= 0 => (ulong)value,
        bool value => value ? 1UL : 0UL,
        _ => throw Mismatch("an unsigned integer"),
    };

    public double AsDouble() => _value switch
    {
        double value => value,
        long value => value,
        ulong value => value,
        _ => throw Mismatch("a number"),
    };

    public bool AsBool() => _value switch
    {
        bool value => value,
        long value => value != 0,
        ulong value => value != 0,
        _ => throw Mismatch("a boolean"),
    };

    /// <summary>A string or a key.</summary>
    public string AsString() => _value as string ?? throw Mismatch("a string");

    public ImmutableArray<byte> AsBlob() => _value is ImmutableArray<byte> blob ? blob : throw Mismatch("a blob");

    public FlexBufferMap AsMap() => _value as FlexBufferMap ?? throw Mismatch("a map");

    /// <summary>The elements of any vector type (untyped, typed or fixed-length).</summary>
    public ImmutableArray<FlexBufferValue> AsVector() =>
        _value is ImmutableArray<FlexBufferValue> elements ? elements : throw Mismatch("a vector");

    public long[] AsInt64Array() => [.. AsVector().Select(element => element.AsInt64())];

    public double[] AsDoubleArray() => [.. AsVector().Select(element => element.AsDouble())];

    public override string ToString() => _value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        ImmutableArray<FlexBufferValue> elements => $"[{string.Join(", ", elements)}]",
        ImmutableArray<byte> blob => $"blob({blob.Length} bytes)",
        double value => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(_value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private InvalidModelException Mismatch(string wanted) =>
        new(Source, $"expected {wanted} but the FlexBuffer value is {Type} ({this})");
}

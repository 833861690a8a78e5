using System.Collections.Immutable;

namespace Mote.Graph.FlexBuffers;

/// <summary>
/// A FlexBuffers map, such as the custom options of a TFLite custom operator. Keys keep the buffer's (sorted)
/// order, so <see cref="this[int]"/> is the index TFLM kernels use (<c>FlexbufferWrapper::ElementAsInt32(i)</c>,
/// "elements ordered alphabetically by parameter name").
/// </summary>
/// <remarks>
/// <see cref="Parse"/> treats the bytes as untrusted: every offset, length and width is checked against the buffer,
/// offsets must point strictly backwards (so references cannot form cycles), nesting is limited to
/// <see cref="MaxDepth"/>, and any problem is an <see cref="InvalidModelException"/> naming the source.
/// The whole buffer is decoded up front; the result is immutable.
/// </remarks>
public sealed class FlexBufferMap
{
    /// <summary>Deepest nesting of maps and vectors accepted.</summary>
    public const int MaxDepth = 32;

    private readonly ImmutableArray<FlexBufferValue> _values;
    private readonly Dictionary<string, int> _indexByKey;

    internal FlexBufferMap(ImmutableArray<string> keys, ImmutableArray<FlexBufferValue> values, string source)
    {
        Keys = keys;
        _values = values;
        Source = source;
        _indexByKey = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++)
        {
            if (!_indexByKey.TryAdd(keys[i], i))
            {
                throw new InvalidModelException(source, $"FlexBuffer map has the key '{keys[i]}' twice");
            }
        }
    }

    public string Source { get; }

    public int Count => Keys.Length;

    public ImmutableArray<string> Keys { get; }

    public ImmutableArray<FlexBufferValue> Values => _values;

    /// <summary>The value under <paramref name="key"/>; a missing key is an <see cref="InvalidModelException"/>.</summary>
    public FlexBufferValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new InvalidModelException(Source, $"option '{key}' is missing");

    /// <summary>The value at <paramref name="index"/> in key order.</summary>
    public FlexBufferValue this[int index] =>
        (uint)index < (uint)Count ? _values[index] : throw new InvalidModelException(Source, $"option #{index} is missing (the map has {Count})");

    public bool ContainsKey(string key) => _indexByKey.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FlexBufferValue? value)
    {
        if (_indexByKey.TryGetValue(key, out int index))
        {
            value = _values[index];
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Decodes a buffer whose root is a map.</summary>
    /// <param name="source">Names the buffer in errors, e.g. "model.tflite: operator 3 (CUSTOM:SignalWindow) options".</param>
    public static FlexBufferMap Parse(ReadOnlySpan<byte> buffer, string source) =>
        new FlexBufferParser(buffer, source).ParseRoot().AsMap();

    public override string ToString() =>
        "{" + string.Join(", ", Keys.Select((key, i) => $"{key}: {_values[i]}")) + "}";
}

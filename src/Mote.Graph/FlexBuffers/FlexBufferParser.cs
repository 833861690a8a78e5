using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace Mote.Graph.FlexBuffers;

/// <summary>
/// Decodes a FlexBuffer (see flexbuffers.h for the format): the last byte is the root's width, the byte before it
/// the root's packed type (type &lt;&lt; 2 | log2 width); containers are reached by unsigned offsets that point
/// backwards from the referring slot; vectors and maps store their length just before their first element, untyped
/// vectors and maps a type byte per element after the elements, and maps the offset and width of their key vector
/// just before the length. Every read is bounds-checked.
/// </summary>
internal ref struct FlexBufferParser
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly string _source;

    public FlexBufferParser(ReadOnlySpan<byte> buffer, string source)
    {
        _buffer = buffer;
        _source = source;
    }

    public readonly FlexBufferValue ParseRoot()
    {
        if (_buffer.Length < 3)
        {
            throw Error($"a FlexBuffer needs at least 3 bytes, got {_buffer.Length}");
        }

        int rootWidth = CheckWidth(_buffer[^1], "root width");
        int rootPosition = _buffer.Length - 2 - rootWidth;
        if (rootPosition < 0)
        {
            throw Error($"root width {rootWidth} does not fit in {_buffer.Length} bytes");
        }

        return ReadValue(rootPosition, rootWidth, _buffer[^2], depth: 0);
    }

    private readonly FlexBufferValue ReadValue(int position, int parentWidth, byte packedType, int depth)
    {
        var type = (FlexBufferType)(packedType >> 2);
        int width = 1 << (packedType & 3);
        switch (type)
        {
            case FlexBufferType.Null:
                return Value(type, null);
            case FlexBufferType.Int:
                return Value(type, ReadInt(position, parentWidth));
            case FlexBufferType.UInt:
                return Value(type, ReadUInt(position, parentWidth));
            case FlexBufferType.Float:
                return Value(type, ReadFloat(position, parentWidth));
            case FlexBufferType.Bool:
                return Value(type, ReadUInt(position, parentWidth) != 0);
            case FlexBufferType.IndirectInt:
                return Value(FlexBufferType.Int, ReadInt(Target(position, parentWidth), width));
            case FlexBufferType.IndirectUInt:
                return Value(FlexBufferType.UInt, ReadUInt(Target(position, parentWidth), width));
            case FlexBufferType.IndirectFloat:
                return Value(FlexBufferType.Float, ReadFloat(Target(position, parentWidth), width));
            case FlexBufferType.Key:
                return Value(type, ReadKey(Target(position, parentWidth)));
            case FlexBufferType.String:
                return Value(type, Decode(ReadSized(Target(position, parentWidth), width), position));
            case FlexBufferType.Blob:
                return Value(type, ImmutableArray.Create(ReadSized(Target(position, parentWidth), width)));
            case FlexBufferType.Map:
                return Value(type, ReadMap(Target(position, parentWidth), width, NextDepth(depth)));
            case FlexBufferType.Vector:
                return Value(type, ReadUntypedVector(Target(position, parentWidth), width, NextDepth(depth)));
            case FlexBufferType.VectorInt or FlexBufferType.VectorUInt or FlexBufferType.VectorFloat
                or FlexBufferType.VectorBool or FlexBufferType.VectorKey:
                {
                    int target = Target(position, parentWidth);
                    int length = Length(target, width);
                    return Value(type, ReadTypedVector(target, width, length, TypedElement(type), NextDepth(depth)));
                }

            case >= FlexBufferType.VectorInt2 and <= FlexBufferType.VectorFloat4:
                {
                    int offset = type - FlexBufferType.VectorInt2;
                    var element = (FlexBufferType)((int)FlexBufferType.Int + (offset % 3));
                    int length = 2 + (offset / 3);
                    return Value(type, ReadTypedVector(Target(position, parentWidth), width, length, element, NextDepth(depth)));
                }

            default:
                throw Error($"unsupported FlexBuffer type {(int)type}");
        }
    }

    private readonly FlexBufferMap ReadMap(int target, int width, int depth)
    {
        int length = Length(target, width);
        int keysTarget = Target(target - (3 * width), width);
        int keysWidth = CheckWidth(ReadUInt(target - (2 * width), width), "map key width");
        if (Length(keysTarget, keysWidth) != length)
        {
            throw Error("FlexBuffer map has different numbers of keys and values");
        }

        ImmutableArray<FlexBufferValue> values = ReadUntypedVector(target, width, length, depth);
        var keys = ImmutableArray.CreateBuilder<string>(length);
        for (int i = 0; i < length; i++)
        {
            keys.Add(ReadKey(Target(keysTarget + (i * keysWidth), keysWidth)));
        }

        return new FlexBufferMap(keys.MoveToImmutable(), values, _source);
    }

    private readonly ImmutableArray<FlexBufferValue> ReadUntypedVector(int target, int width, int depth) =>
        ReadUntypedVector(target, width, Length(target, width), depth);

    private readonly ImmutableArray<FlexBufferValue> ReadUntypedVector(int target, int width, int length, int depth)
    {
        int typesStart = EndOf(target, (long)length * width);
        EndOf(typesStart, length);
        var elements = ImmutableArray.CreateBuilder<FlexBufferValue>(length);
        for (int i = 0; i < length; i++)
        {
            elements.Add(ReadValue(target + (i * width), width, _buffer[typesStart + i], depth));
        }

        return elements.MoveToImmutable();
    }

    private readonly ImmutableArray<FlexBufferValue> ReadTypedVector(int target, int width, int length, FlexBufferType element, int depth)
    {
        EndOf(target, (long)length * width);
        // Elements of a typed vector are inline scalars (or key offsets) of the vector's own width.
        byte packed = (byte)(((int)element << 2) | System.Numerics.BitOperations.Log2((uint)width));
        var elements = ImmutableArray.CreateBuilder<FlexBufferValue>(length);
        for (int i = 0; i < length; i++)
        {
            elements.Add(ReadValue(target + (i * width), width, packed, depth));
        }

        return elements.MoveToImmutable();
    }

    private static FlexBufferType TypedElement(FlexBufferType vector) => vector switch
    {
        FlexBufferType.VectorInt => FlexBufferType.Int,
        FlexBufferType.VectorUInt => FlexBufferType.UInt,
        FlexBufferType.VectorFloat => FlexBufferType.Float,
        FlexBufferType.VectorBool => FlexBufferType.Bool,
        _ => FlexBufferType.Key,
    };

    private readonly string ReadKey(int target)
    {
        int end = _buffer[target..].IndexOf((byte)0);
        if (end < 0)
        {
            throw Error($"FlexBuffer key at byte {target} has no terminating zero");
        }

        return Decode(_buffer.Slice(target, end), target);
    }

    private readonly string Decode(ReadOnlySpan<byte> utf8, int position)
    {
        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"FlexBuffer text at byte {position} is not valid UTF-8");
        }
    }

    private readonly byte[] ReadSized(int target, int width)
    {
        int length = Length(target, width);
        EndOf(target, length);
        return _buffer.Slice(target, length).ToArray();
    }

    // The element count stored just before a vector's first element, checked against the buffer.
    private readonly int Length(int target, int width)
    {
        ulong length = ReadUInt(target - width, width);
        if (length > (ulong)(_buffer.Length - target))
        {
            throw Error($"FlexBuffer length {length} at byte {target - width} runs past the end");
        }

        return (int)length;
    }

    // Follows an offset, which must point strictly backwards and stay inside the buffer.
    private readonly int Target(int position, int width)
    {
        ulong offset = ReadUInt(position, width);
        if (offset == 0 || offset > (ulong)position)
        {
            throw Error($"FlexBuffer offset {offset} at byte {position} points outside the buffer");
        }

        return position - (int)offset;
    }

    private readonly long ReadInt(int position, int width)
    {
        ReadOnlySpan<byte> bytes = Slice(position, width);
        return width switch
        {
            1 => (sbyte)bytes[0],
            2 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
    }

    private readonly ulong ReadUInt(int position, int width)
    {
        ReadOnlySpan<byte> bytes = Slice(position, width);
        return width switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        };
    }

    private readonly double ReadFloat(int position, int width)
    {
        ReadOnlySpan<byte> bytes = Slice(position, width);
        return width switch
        {
            4 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            8 => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            _ => throw Error($"FlexBuffer float of width {width} at byte {position}"),
        };
    }

    private readonly ReadOnlySpan<byte> Slice(int position, int width)
    {
        EndOf(position, width);
        return _buffer.Slice(position, width);
    }

    // Returns the end of [start, start + length) after checking it lies inside the buffer.
    private readonly int EndOf(int start, long length)
    {
        if (start < 0 || length < 0 || start + length > _buffer.Length)
        {
            throw Error($"FlexBuffer read of {length} bytes at byte {start} runs outside the {_buffer.Length}-byte buffer");
        }

        return (int)(start + length);
    }

    private readonly int CheckWidth(ulong width, string what) =>
        width is 1 or 2 or 4 or 8 ? (int)width : throw Error($"FlexBuffer {what} is {width}, not 1, 2, 4 or 8");

    private readonly int NextDepth(int depth) =>
        depth < FlexBufferMap.MaxDepth ? depth + 1 : throw Error($"FlexBuffer nesting deeper than {FlexBufferMap.MaxDepth}");

    private readonly FlexBufferValue Value(FlexBufferType type, object? value) => new(type, value, _source);

    private readonly InvalidModelException Error(string problem) => new(_source, problem);
}

using System.Buffers.Binary;

namespace Mote.Data.Idx;

/// <summary>
/// The content of an IDX file (the MNIST / Fashion-MNIST format): an element type, dimensions outermost first, and
/// the elements as the file stores them (big-endian for multi-byte types).
/// </summary>
public sealed class IdxArray
{
    public IdxArray(IdxElementType type, int[] dimensions, byte[] data)
    {
        Type = type;
        Dimensions = dimensions;
        Data = data;
    }

    public IdxElementType Type { get; }

    public int[] Dimensions { get; }

    public byte[] Data { get; }

    /// <summary>Number of elements (the product of the dimensions).</summary>
    public int Count => Data.Length / ElementSize(Type);

    /// <summary>Every element as a float, multiplied by <paramref name="scale"/> (1/255 maps pixels to [0, 1]).</summary>
    public float[] ToSingles(float scale = 1f)
    {
        var values = new float[Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Element(i) * scale);
        }

        return values;
    }

    /// <summary>Every element as an integer (labels); floating-point elements are truncated.</summary>
    public int[] ToInt32s()
    {
        var values = new int[Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (int)Element(i);
        }

        return values;
    }

    internal static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UInt8 or IdxElementType.Int8 => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        IdxElementType.Float64 => 8,
        _ => 0,
    };

    private double Element(int index)
    {
        var bytes = Data.AsSpan(index * ElementSize(Type));
        return Type switch
        {
            IdxElementType.UInt8 => bytes[0],
            IdxElementType.Int8 => (sbyte)bytes[0],
            IdxElementType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            IdxElementType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            IdxElementType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes),
            _ => BinaryPrimitives.ReadDoubleBigEndian(bytes),
        };
    }
}

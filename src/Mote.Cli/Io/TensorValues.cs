using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Cli.Io;

/// <summary>Raw little-endian tensor bytes as numbers, for printing.</summary>
public static class TensorValues
{
    public static double[] ToDoubles(DataType type, ReadOnlySpan<byte> bytes) => type switch
    {
        DataType.Float32 => Convert(MemoryMarshal.Cast<byte, float>(bytes), v => v),
        DataType.Float64 => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
        DataType.Int8 => Convert(MemoryMarshal.Cast<byte, sbyte>(bytes), v => v),
        DataType.UInt8 or DataType.Bool => Convert(bytes, v => v),
        DataType.Int16 => Convert(MemoryMarshal.Cast<byte, short>(bytes), v => v),
        DataType.Int32 => Convert(MemoryMarshal.Cast<byte, int>(bytes), v => v),
        DataType.Int64 => Convert(MemoryMarshal.Cast<byte, long>(bytes), v => v),
        _ => throw new InvalidModelException("output", $"printing {type.TfLiteName()} tensors is not supported"),
    };

    private static double[] Convert<T>(ReadOnlySpan<T> values, Func<T, double> convert)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = convert(values[i]);
        }

        return result;
    }
}

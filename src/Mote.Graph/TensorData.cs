using System.Runtime.InteropServices;

namespace Mote.Graph;

/// <summary>Typed views of constant tensor bytes (TFLite stores them little-endian, as every supported host is).</summary>
public static class TensorData
{
    /// <summary>The constant data as elements of <typeparamref name="T"/>; empty for activations.</summary>
    public static ReadOnlySpan<T> DataAs<T>(this Tensor tensor)
        where T : unmanaged =>
        tensor.Data is { } data ? MemoryMarshal.Cast<byte, T>(data.AsSpan()) : [];

    /// <summary>Integer values of a constant int32 or int64 tensor (shape operands, axes, paddings), or null.</summary>
    public static long[]? ConstantIntegers(this Tensor tensor) => tensor.Type switch
    {
        _ when tensor.Data is null => null,
        DataType.Int32 => Array.ConvertAll(tensor.DataAs<int>().ToArray(), v => (long)v),
        DataType.Int64 => tensor.DataAs<long>().ToArray(),
        _ => null,
    };
}

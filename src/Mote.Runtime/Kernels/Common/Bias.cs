using Mote.Graph;

namespace Mote.Runtime.Kernels.Common;

/// <summary>Reads an optional bias input as a full-length array (zeros when the operator has none).</summary>
internal static class Bias
{
    public static int[] Int32(KernelContext context, int position, int length) =>
        Read(context, position, length, DataType.Int32, context.Constant<int>);

    /// <summary>Int16 kernels accept an int64 or an int32 bias and accumulate in 64 bits.</summary>
    public static long[] Int64(KernelContext context, int position, int length) =>
        context.HasInput(position) && context.Input(position).Type == DataType.Int32
            ? Array.ConvertAll(Int32(context, position, length), v => (long)v)
            : Read(context, position, length, DataType.Int64, context.Constant<long>);

    public static float[] Float(KernelContext context, int position, int length) =>
        Read(context, position, length, DataType.Float32, context.Constant<float>);

    private static T[] Read<T>(KernelContext context, int position, int length, DataType type, Func<int, T[]> read)
    {
        if (!context.HasInput(position))
        {
            return new T[length];
        }

        var tensor = context.Input(position);
        context.Require(tensor.Type == type, $"bias must be {type.TfLiteName()}, not {tensor.Type.TfLiteName()}");
        var values = read(position);
        context.Require(values.Length == length, $"bias has {values.Length} elements, expected {length}");
        return values;
    }
}

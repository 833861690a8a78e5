using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// Eval of the pure data-movement operators (TRANSPOSE, STRIDED_SLICE, PAD): output[i] = input[map[i]], or the fill
/// value where map[i] is −1. The index map is computed once in Prepare.
/// </summary>
internal sealed class GatherOperation<T>(int input, int output, int[] map, T fill) : IOperation
    where T : unmanaged
{
    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Eval(TensorBuffers buffers)
    {
        ReadOnlySpan<T> source = buffers.Get<T>(input);
        var target = buffers.Get<T>(output);
        for (int i = 0; i < map.Length; i++)
        {
            int from = map[i];
            target[i] = from >= 0 ? source[from] : fill;
        }
    }
}

/// <summary>Creates a <see cref="GatherOperation{T}"/> of the right element width.</summary>
internal static class Gather
{
    /// <summary>For types whose fill is zero bits, or a quantized zero point (given as an integer).</summary>
    public static IOperation Create(KernelContext context, int[] map, long fillInteger = 0, float fillFloat = 0f)
    {
        var tensor = context.Output(0);
        context.Require(context.Input(0).Type == tensor.Type, $"input and output types differ: {context.Input(0).Type.TfLiteName()} → {tensor.Type.TfLiteName()}");
        context.Require(map.Length == tensor.Shape.ElementCount, $"output {tensor.Shape} does not have the {map.Length} elements the operator produces");
        int input = context.InputIndex(0);
        int output = context.OutputIndex(0);
        return tensor.Type switch
        {
            DataType.Float32 => new GatherOperation<float>(input, output, map, fillFloat),
            DataType.Int8 => new GatherOperation<sbyte>(input, output, map, (sbyte)fillInteger),
            DataType.UInt8 or DataType.Bool => new GatherOperation<byte>(input, output, map, (byte)fillInteger),
            DataType.Int16 => new GatherOperation<short>(input, output, map, (short)fillInteger),
            DataType.Int32 => new GatherOperation<int>(input, output, map, (int)fillInteger),
            DataType.Int64 => new GatherOperation<long>(input, output, map, fillInteger),
            _ => throw context.Unsupported(tensor),
        };
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static int[] Strides(Shape shape)
    {
        var strides = new int[shape.Rank];
        int stride = 1;
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }

        return strides;
    }
}

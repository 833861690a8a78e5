using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels.Common;

/// <summary>An element function of two operands; a struct so that the loop below is specialized and inlined per function.</summary>
internal interface IBinaryFunction<T>
{
    T Apply(T a, T b);
}

/// <summary>
/// Eval of element-wise binary operators with NumPy broadcasting. Broadcast index maps are computed once in Prepare;
/// without broadcasting element i is read before element i is written, so the output may alias an input.
/// </summary>
internal sealed class BinaryOperation<T, TFunction> : IOperation
    where T : unmanaged
    where TFunction : struct, IBinaryFunction<T>
{
    private readonly int _a;
    private readonly int _b;
    private readonly int _output;
    private readonly int[]? _mapA;
    private readonly int[]? _mapB;
    private readonly TFunction _function;

    public BinaryOperation(KernelContext context, TFunction function)
    {
        var a = context.Input(0);
        var b = context.Input(1);
        var output = context.Output(0);
        _a = context.InputIndex(0);
        _b = context.InputIndex(1);
        _output = context.OutputIndex(0);
        _mapA = BroadcastMap(context, a.Shape, output.Shape);
        _mapB = BroadcastMap(context, b.Shape, output.Shape);
        _function = function;
    }

    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    public void Eval(TensorBuffers buffers)
    {
        ReadOnlySpan<T> a = buffers.Get<T>(_a);
        ReadOnlySpan<T> b = buffers.Get<T>(_b);
        var output = buffers.Get<T>(_output);
        var function = _function;
        if (_mapA is null && _mapB is null)
        {
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = function.Apply(a[i], b[i]);
            }

            return;
        }

        for (int i = 0; i < output.Length; i++)
        {
            output[i] = function.Apply(a[_mapA is null ? i : _mapA[i]], b[_mapB is null ? i : _mapB[i]]);
        }
    }

    /// <summary>For every output element, the flat index of the input element it reads; null when no broadcasting is needed.</summary>
    private static int[]? BroadcastMap(KernelContext context, Shape input, Shape output)
    {
        if (input == output)
        {
            return null;
        }

        context.Require(input.Rank <= output.Rank, $"input {input} does not broadcast to output {output}");
        int rank = output.Rank;
        var strides = new int[rank];
        int stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            int inputAxis = axis - (rank - input.Rank);
            int dim = inputAxis >= 0 ? input[inputAxis] : 1;
            context.Require(dim == output[axis] || dim == 1, $"input {input} does not broadcast to output {output}");
            strides[axis] = dim == 1 ? 0 : stride;
            stride *= dim;
        }

        var map = new int[output.ElementCount];
        var index = new int[rank];
        for (int i = 0; i < map.Length; i++)
        {
            int flat = 0;
            for (int axis = 0; axis < rank; axis++)
            {
                flat += index[axis] * strides[axis];
            }

            map[i] = flat;
            for (int axis = rank - 1; axis >= 0 && ++index[axis] == output[axis]; axis--)
            {
                index[axis] = 0;
            }
        }

        return map;
    }
}

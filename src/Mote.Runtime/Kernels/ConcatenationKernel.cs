using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels;

/// <summary>
/// CONCATENATION of tensors of one type along an axis: for each index of the outer dimensions, every input's block is
/// copied in turn. Quantized inputs must share the output's scale and zero point (no requantization is done).
/// </summary>
internal static class ConcatenationKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<ConcatenationOptions>();
        context.Require(options.Activation == Activation.None, $"fused activation {options.Activation} is not supported");
        var output = context.Output(0);
        int rank = output.Shape.Rank;
        int axis = options.Axis < 0 ? options.Axis + rank : options.Axis;
        context.Require(axis >= 0 && axis < rank, $"axis {options.Axis} is outside the output's {rank} dimensions");

        long outer = 1;
        long inner = output.Type.ElementSize();
        for (int d = 0; d < rank; d++)
        {
            if (d < axis)
            {
                outer *= output.Shape[d];
            }
            else if (d > axis)
            {
                inner *= output.Shape[d];
            }
        }

        var inputs = new int[context.InputCount];
        var blockBytes = new int[inputs.Length];
        int axisTotal = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            var input = context.Input(i);
            context.Require(input.Type == output.Type, $"input {i} is {input.Type.TfLiteName()}, the output {output.Type.TfLiteName()}");
            context.Require(input.Quantization is not { HasScales: true } || SameQuantization(input, output),
                $"input {i} is quantized differently from the output, which needs requantization (not supported)");
            context.Require(input.Shape.Rank == rank, $"input {i} {input.Shape} and output {output.Shape} differ in rank");
            for (int d = 0; d < rank; d++)
            {
                context.Require(d == axis || input.Shape[d] == output.Shape[d], $"input {i} {input.Shape} does not fit output {output.Shape} outside axis {axis}");
            }

            inputs[i] = context.InputIndex(i);
            blockBytes[i] = checked((int)(input.Shape[axis] * inner));
            axisTotal += input.Shape[axis];
        }

        context.Require(axisTotal == output.Shape[axis], $"the inputs add up to {axisTotal} along axis {axis}, the output has {output.Shape[axis]}");
        return new Operation(inputs, blockBytes, checked((int)outer), context.OutputIndex(0));
    }

    private static bool SameQuantization(Tensor input, Tensor output) =>
        output.Quantization is { HasScales: true } q
        && input.Quantization!.Scales.SequenceEqual(q.Scales) && input.Quantization.ZeroPoints.SequenceEqual(q.ZeroPoints);

    private sealed class Operation(int[] inputs, int[] blockBytes, int outer, int output) : IOperation
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            var target = buffers.Bytes(output);
            int offset = 0;
            for (int o = 0; o < outer; o++)
            {
                for (int i = 0; i < inputs.Length; i++)
                {
                    int block = blockBytes[i];
                    buffers.Bytes(inputs[i]).Slice(o * block, block).CopyTo(target.Slice(offset, block));
                    offset += block;
                }
            }
        }
    }
}

using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>PAD and PADV2 with constant paddings; the fill is the constant value, or zero (the output zero point when quantized).</summary>
internal static class PadKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0).Shape;
        var output = context.Output(0);
        int[] paddings = context.ConstantInts(1);
        context.Require(paddings.Length == 2 * input.Rank, $"paddings have {paddings.Length} values for a rank-{input.Rank} input");
        for (int axis = 0; axis < input.Rank; axis++)
        {
            context.Require(paddings[2 * axis] >= 0 && paddings[(2 * axis) + 1] >= 0
                && output.Shape.Rank == input.Rank && output.Shape[axis] == input[axis] + paddings[2 * axis] + paddings[(2 * axis) + 1],
                $"output {output.Shape} does not match input {input} padded by [{string.Join(",", paddings)}]");
        }

        int[] inputStrides = Gather.Strides(input);
        var map = new int[output.Shape.ElementCount];
        var index = new int[input.Rank];
        for (int i = 0; i < map.Length; i++)
        {
            int from = 0;
            for (int axis = 0; axis < input.Rank && from >= 0; axis++)
            {
                int inputIndex = index[axis] - paddings[2 * axis];
                from = inputIndex >= 0 && inputIndex < input[axis] ? from + (inputIndex * inputStrides[axis]) : -1;
            }

            map[i] = from;
            for (int axis = input.Rank - 1; axis >= 0 && ++index[axis] == output.Shape[axis]; axis--)
            {
                index[axis] = 0;
            }
        }

        (long fillInteger, float fillFloat) = Fill(context, output);
        return Gather.Create(context, map, fillInteger, fillFloat);
    }

    private static (long Integer, float Float) Fill(KernelContext context, Tensor output)
    {
        if (context.HasInput(2))
        {
            var value = context.Input(2);
            context.Require(value.Type == output.Type && value.Shape.ElementCount == 1, "the constant value must be one element of the output type");
            return value.Type switch
            {
                DataType.Float32 => (0, context.Constant<float>(2)[0]),
                DataType.Int8 => (context.Constant<sbyte>(2)[0], 0f),
                DataType.Int16 => (context.Constant<short>(2)[0], 0f),
                DataType.Int32 => (context.Constant<int>(2)[0], 0f),
                _ => throw context.Unsupported(value),
            };
        }

        return output.Quantization is { ZeroPoints.Count: > 0 } q ? (q.ZeroPoints[0], 0f) : (0, 0f);
    }
}

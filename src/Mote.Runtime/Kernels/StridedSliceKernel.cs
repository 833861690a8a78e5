using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>STRIDED_SLICE with constant begin/end/strides and TFLite's begin, end and shrink-axis masks.</summary>
internal static class StridedSliceKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<StridedSliceOptions>();
        context.Require(options.EllipsisMask == 0 && options.NewAxisMask == 0, "ellipsis and new-axis masks are not supported");
        var input = context.Input(0).Shape;
        int[] begin = context.ConstantInts(1);
        int[] end = context.ConstantInts(2);
        int[] strides = context.HasInput(3) ? context.ConstantInts(3) : Enumerable.Repeat(1, input.Rank).ToArray();
        context.Require(begin.Length == input.Rank && end.Length == input.Rank && strides.Length == input.Rank,
            $"begin, end and strides must have one value per input dimension ({input.Rank})");
        context.Require(strides.All(s => s != 0), "strides must not be zero");

        (int[] starts, int[] stops) = Bounds(options, input, begin, end, strides);
        int[] inputStrides = Gather.Strides(input);
        var map = new List<int>();
        Collect(0, 0);
        return Gather.Create(context, map.ToArray());

        void Collect(int axis, int offset)
        {
            if (axis == input.Rank)
            {
                map.Add(offset);
                return;
            }

            for (int i = starts[axis]; strides[axis] > 0 ? i < stops[axis] : i > stops[axis]; i += strides[axis])
            {
                Collect(axis + 1, offset + (i * inputStrides[axis]));
            }
        }
    }

    /// <summary>For each axis, the first index taken and the index where the slice stops (exclusive, in the stride's direction).</summary>
    public static (int[] Starts, int[] Stops) Bounds(StridedSliceOptions options, Shape input, int[] begin, int[] end, int[] strides)
    {
        var starts = new int[input.Rank];
        var stops = new int[input.Rank];
        for (int axis = 0; axis < input.Rank; axis++)
        {
            int stopIndex = options.Offset ? begin[axis] + end[axis] : end[axis];
            starts[axis] = Start(options.BeginMask, begin[axis], strides[axis], input[axis], axis);
            stops[axis] = (options.ShrinkAxisMask & (1 << axis)) != 0
                ? starts[axis] + 1
                : Stop(options.EndMask, stopIndex, strides[axis], input[axis], axis);
        }

        return (starts, stops);
    }

    // TFLite's StartForAxis / StopForAxis: masks select the full range, negative indices count from the end, then clamp.
    private static int Start(int beginMask, int start, int stride, int size, int axis)
    {
        if ((beginMask & (1 << axis)) != 0)
        {
            return stride > 0 ? 0 : size - 1;
        }

        return Clamp(start < 0 ? start + size : start, stride, size);
    }

    private static int Stop(int endMask, int stop, int stride, int size, int axis)
    {
        if ((endMask & (1 << axis)) != 0)
        {
            return stride > 0 ? size : -1;
        }

        return Clamp(stop < 0 ? stop + size : stop, stride, size);
    }

    private static int Clamp(int index, int stride, int size) =>
        stride > 0 ? Math.Clamp(index, 0, size) : Math.Clamp(index, -1, size - 1);
}

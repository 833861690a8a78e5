using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// MEAN over constant axes. Sums are gathered through a map from each input element to its output element; the int8
/// finishing step follows whichever of TFLM's three paths the shapes and quantization select.
/// </summary>
internal static class MeanKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<ReducerOptions>();
        var input = context.Input(0);
        var output = context.Output(0);
        int[] axes = context.ConstantInts(1).Select(a => a < 0 ? a + input.Shape.Rank : a).ToArray();
        context.Require(axes.All(a => a >= 0 && a < input.Shape.Rank), $"axes [{string.Join(",", axes)}] are outside input {input.Shape}");
        context.Require(input.Type == output.Type, $"type combination {input.Type.TfLiteName()} → {output.Type.TfLiteName()} is not supported");

        var reduced = new bool[input.Shape.Rank];
        foreach (int a in axes)
        {
            reduced[a] = true;
        }

        int count = 1;
        var outputDims = new List<int>();
        for (int axis = 0; axis < input.Shape.Rank; axis++)
        {
            if (reduced[axis])
            {
                count *= input.Shape[axis];
            }
            else
            {
                outputDims.Add(input.Shape[axis]);
            }
        }

        long outputCount = outputDims.Aggregate(1L, (p, d) => p * d);
        context.Require(output.Shape.ElementCount == outputCount, $"output {output.Shape} does not match input {input.Shape} reduced over [{string.Join(",", axes)}]");
        int[] map = OutputIndexMap(input.Shape, reduced);
        int sums = context.RequestScratch(outputCount * sizeof(int));

        switch (input.Type)
        {
            case DataType.Float32:
                return new FloatMean(context.InputIndex(0), context.OutputIndex(0), map, count, context.RequestScratch(outputCount * sizeof(float)));
            case DataType.Int8:
                (float inputScale, int inputZeroPoint) = context.Quantization(input);
                (float outputScale, int outputZeroPoint) = context.Quantization(output);
                bool spatial = options.KeepDims && input.Shape.Rank == 4 && axes.Length == 2 && reduced[1] && reduced[2];
                var mode = spatial ? Int8Mode.Spatial
                    : inputScale == outputScale && inputZeroPoint == outputZeroPoint ? Int8Mode.SameScale
                    : Int8Mode.Rescale;
                return new Int8Mean(context.InputIndex(0), context.OutputIndex(0), map, count, sums, mode,
                    inputZeroPoint, outputZeroPoint, inputScale / outputScale, QuantizedMultiplier.From((double)inputScale / outputScale));
            default:
                throw context.Unsupported(input, output);
        }
    }

    /// <summary>For each input element (row-major), the flat index of the output element it contributes to.</summary>
    private static int[] OutputIndexMap(Shape input, bool[] reduced)
    {
        var map = new int[input.ElementCount];
        var index = new int[input.Rank];
        for (int i = 0; i < map.Length; i++)
        {
            int target = 0;
            for (int axis = 0; axis < input.Rank; axis++)
            {
                if (!reduced[axis])
                {
                    target = (target * input[axis]) + index[axis];
                }
            }

            map[i] = target;
            for (int axis = input.Rank - 1; axis >= 0 && ++index[axis] == input[axis]; axis--)
            {
                index[axis] = 0;
            }
        }

        return map;
    }

    private enum Int8Mode
    {
        /// <summary>4-D, axes {1, 2}, keep_dims: requantize the zero-point-free sum, then divide rounding half away from zero.</summary>
        Spatial,

        /// <summary>Same scale and zero point: the sum divided with truncation.</summary>
        SameScale,

        /// <summary>Otherwise: in float, mean × scale ratio − zero point × ratio, rounded.</summary>
        Rescale,
    }

    private sealed class Int8Mean(
        int input, int output, int[] map, int count, int sums, Int8Mode mode,
        int inputZeroPoint, int outputZeroPoint, float scaleRatio, QuantizedMultiplier multiplier) : IOperation
    {
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<sbyte> source = buffers.Get<sbyte>(input);
            var target = buffers.Get<sbyte>(output);
            var sum = buffers.Scratch<int>(sums);
            sum.Clear();
            int offset = mode == Int8Mode.Spatial ? inputZeroPoint : 0;
            for (int i = 0; i < source.Length; i++)
            {
                sum[map[i]] += source[i] - offset;
            }

            for (int o = 0; o < target.Length; o++)
            {
                int value;
                switch (mode)
                {
                    case Int8Mode.Spatial:
                        int acc = FixedPoint.MultiplyByQuantizedMultiplier(sum[o], multiplier.Multiplier, multiplier.Shift);
                        value = (acc > 0 ? (acc + (count / 2)) / count : (acc - (count / 2)) / count) + outputZeroPoint;
                        break;
                    case Int8Mode.SameScale:
                        value = sum[o] / count;
                        break;
                    default:
                        float mean = (float)sum[o] / count;
                        float bias = -inputZeroPoint * scaleRatio;
                        value = (int)Math.Clamp(MathF.Round((mean * scaleRatio) + bias, MidpointRounding.AwayFromZero) + outputZeroPoint, sbyte.MinValue, sbyte.MaxValue);
                        break;
                }

                target[o] = (sbyte)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
            }
        }
    }

    private sealed class FloatMean(int input, int output, int[] map, int count, int sums) : IOperation
    {
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> source = buffers.Get<float>(input);
            var target = buffers.Get<float>(output);
            var sum = buffers.Scratch<float>(sums);
            sum.Clear();
            for (int i = 0; i < source.Length; i++)
            {
                sum[map[i]] += source[i];
            }

            for (int o = 0; o < target.Length; o++)
            {
                target[o] = sum[o] / count;
            }
        }
    }
}

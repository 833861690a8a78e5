using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// MEAN over constant axes. Sums are gathered through a map from each input element to its output element; integer
/// means are requantized as TFLM's reference does.
/// </summary>
internal static class MeanKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        _ = context.Options<ReducerOptions>();
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
        int sums = context.RequestScratch(outputCount * sizeof(int)); // int or float sums, 4 bytes each

        switch (input.Type)
        {
            case DataType.Float32:
                return new FloatMean(context.InputIndex(0), context.OutputIndex(0), map, count, sums);
            case DataType.Int8:
                return new QuantizedMean<sbyte>(context, map, count, sums);
            case DataType.Int16:
                return new QuantizedMean<short>(context, map, count, sums);
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

    /// <summary>
    /// TFLite's QuantizedMeanOrSum: the zero-point-corrected sum is requantized with the input/output scale ratio,
    /// whose multiplier absorbs 1/count (divided in 64 bits after a left shift that keeps precision).
    /// </summary>
    private sealed class QuantizedMean<T> : IOperation
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        private readonly int _input;
        private readonly int _output;
        private readonly int[] _map;
        private readonly int _count;
        private readonly int _sums;
        private readonly int _inputZeroPoint;
        private readonly int _outputZeroPoint;
        private readonly int _multiplier;
        private readonly int _shift;

        public QuantizedMean(KernelContext context, int[] map, int count, int sums)
        {
            (float inputScale, _inputZeroPoint) = context.Quantization(context.Input(0));
            (float outputScale, _outputZeroPoint) = context.Quantization(context.Output(0));
            (_multiplier, _shift) = QuantizedMultiplier.ForMean(inputScale, outputScale, count);
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _map = map;
            _count = count;
            _sums = sums;
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<T> source = buffers.Get<T>(_input);
            var target = buffers.Get<T>(_output);
            var sum = buffers.Scratch<int>(_sums);
            sum.Clear();
            for (int i = 0; i < source.Length; i++)
            {
                sum[_map[i]] += int.CreateTruncating(source[i]);
            }

            int min = int.CreateTruncating(T.MinValue);
            int max = int.CreateTruncating(T.MaxValue);
            for (int o = 0; o < target.Length; o++)
            {
                int shifted = sum[o] - (_inputZeroPoint * _count);
                int value = FixedPoint.MultiplyByQuantizedMultiplier(shifted, _multiplier, _shift) + _outputZeroPoint;
                target[o] = T.CreateTruncating(Math.Clamp(value, min, max));
            }
        }
    }

    private sealed class FloatMean(int input, int output, int[] map, int count, int sums) : IOperation
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>SOFTMAX over the last dimension: int8 → int8/int16 with gemmlowp fixed-point exp (as TFLM), and float32.</summary>
internal static class SoftmaxKernel
{
    private const int ScaledDiffIntegerBits = 5;
    private const int AccumulationIntegerBits = 12;

    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<SoftmaxOptions>();
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Shape.Rank >= 1 && input.Shape == output.Shape, $"input {input.Shape} and output {output.Shape} must have the same shape");
        int depth = input.Shape[input.Shape.Rank - 1];
        int rows = (int)(input.Shape.ElementCount / Math.Max(depth, 1));
        switch (input.Type, output.Type)
        {
            case (DataType.Float32, DataType.Float32):
                return new FloatSoftmax(context.InputIndex(0), context.OutputIndex(0), rows, depth, options.Beta);
            case (DataType.Int8, DataType.Int8):
                context.Require(context.Quantization(output) == (1f / 256, -128), "int8 output must have scale 1/256 and zero point -128");
                return CreateInt8(context, options, rows, depth, 8, -128, 127);
            case (DataType.Int8, DataType.Int16):
                context.Require(context.Quantization(output).ZeroPoint == -32768, "int16 output must have zero point -32768");
                return CreateInt8(context, options, rows, depth, 16, short.MinValue, short.MaxValue);
            default:
                throw context.Unsupported(input, output);
        }
    }

    /// <summary>
    /// TFLite's PreprocessSoftmaxScaling: beta × input scale as a Q(31−5) multiplier capped below 2^31, and the smallest
    /// difference from the row's maximum whose exp is not flushed to zero. The C generator emits the same values.
    /// </summary>
    internal static (QuantizedMultiplier Multiplier, int DiffMin) InputScaling(float beta, float inputScale)
    {
        double real = Math.Min((double)beta * inputScale * (1 << (31 - ScaledDiffIntegerBits)), (1L << 31) - 1.0);
        var q = QuantizedMultiplier.From(real);
        double radius = ((1 << ScaledDiffIntegerBits) - 1) * (double)(1L << (31 - ScaledDiffIntegerBits)) / (1L << q.Shift);
        return (q, -(int)Math.Floor(radius));
    }

    private static Int8Softmax CreateInt8(KernelContext context, SoftmaxOptions options, int rows, int depth, int outputBits, int min, int max)
    {
        var (q, diffMin) = InputScaling(options.Beta, context.Quantization(context.Input(0)).Scale);
        return new Int8Softmax(context.InputIndex(0), context.OutputIndex(0), rows, depth, q.Multiplier, q.Shift, diffMin, outputBits, min, max);
    }

    private sealed class Int8Softmax(int input, int output, int rows, int depth, int multiplier, int leftShift, int diffMin, int outputBits, int min, int max) : IOperation
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<sbyte> source = buffers.Get<sbyte>(input);
            var target8 = outputBits == 8 ? buffers.Get<sbyte>(output) : default;
            var target16 = outputBits == 16 ? buffers.Get<short>(output) : default;
            for (int r = 0; r < rows; r++)
            {
                var row = source.Slice(r * depth, depth);
                int maxInRow = sbyte.MinValue;
                foreach (var v in row)
                {
                    maxInRow = Math.Max(maxInRow, v);
                }

                int sumOfExps = 0;
                foreach (var v in row)
                {
                    int diff = v - maxInRow;
                    if (diff >= diffMin)
                    {
                        sumOfExps += FixedPoint.RoundingDivideByPot(Exp(diff), AccumulationIntegerBits);
                    }
                }

                int scale = FixedPointMath.Reciprocal(sumOfExps, AccumulationIntegerBits, out int bitsOverUnit);
                for (int c = 0; c < depth; c++)
                {
                    int diff = row[c] - maxInRow;
                    int value = min;
                    if (diff >= diffMin)
                    {
                        int unsaturated = FixedPoint.RoundingDivideByPot(
                            FixedPoint.SaturatingRoundingDoublingHighMul(scale, Exp(diff)), bitsOverUnit + 31 - outputBits);
                        value = Math.Clamp(unsaturated + min, min, max);
                    }

                    if (outputBits == 8)
                    {
                        target8[(r * depth) + c] = (sbyte)value;
                    }
                    else
                    {
                        target16[(r * depth) + c] = (short)value;
                    }
                }
            }
        }

        private int Exp(int diff) => FixedPointMath.ExpOnNegativeValues(
            FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift), ScaledDiffIntegerBits);
    }

    /// <summary>Float32 as TFLite's reference: exp((x − max)·β), then divide by the sum.</summary>
    private sealed class FloatSoftmax(int input, int output, int rows, int depth, float beta) : IOperation
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> source = buffers.Get<float>(input);
            var target = buffers.Get<float>(output);
            for (int r = 0; r < rows; r++)
            {
                var row = source.Slice(r * depth, depth);
                var result = target.Slice(r * depth, depth);
                float max = float.MinValue;
                foreach (var v in row)
                {
                    max = Math.Max(max, v);
                }

                float sum = 0f;
                for (int c = 0; c < depth; c++)
                {
                    float e = MathF.Exp((row[c] - max) * beta);
                    result[c] = e;
                    sum += e;
                }

                for (int c = 0; c < depth; c++)
                {
                    result[c] /= sum;
                }
            }
        }
    }
}

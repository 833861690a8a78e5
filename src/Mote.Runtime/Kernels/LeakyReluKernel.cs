using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>LEAKY_RELU: x for x ≥ 0, α·x otherwise; quantized with separate identity and α multipliers. Alias-safe.</summary>
internal static class LeakyReluKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<LeakyReluOptions>();
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type && input.Shape == output.Shape, "input and output must have the same type and shape");
        if (input.Type == DataType.Float32)
        {
            return new FloatLeakyRelu(context.InputIndex(0), context.OutputIndex(0), options.Alpha);
        }

        (float inputScale, int inputZeroPoint) = context.Quantization(input);
        (float outputScale, int outputZeroPoint) = context.Quantization(output);

        // TFLM forms both ratios in float before widening to double.
        var p = new Parameters(
            context.InputIndex(0),
            context.OutputIndex(0),
            inputZeroPoint,
            outputZeroPoint,
            QuantizedMultiplier.From(inputScale * options.Alpha / outputScale),
            QuantizedMultiplier.From(inputScale / outputScale));
        return input.Type switch
        {
            DataType.Int8 => new QuantizedLeakyRelu<sbyte>(p),
            DataType.Int16 => new QuantizedLeakyRelu<short>(p),
            _ => throw context.Unsupported(input, output),
        };
    }

    private readonly record struct Parameters(int Input, int Output, int InputZeroPoint, int OutputZeroPoint, QuantizedMultiplier Alpha, QuantizedMultiplier Identity);

    private sealed class QuantizedLeakyRelu<T>(Parameters p) : IOperation
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<T> source = buffers.Get<T>(p.Input);
            var target = buffers.Get<T>(p.Output);
            int min = int.CreateTruncating(T.MinValue);
            int max = int.CreateTruncating(T.MaxValue);
            for (int i = 0; i < source.Length; i++)
            {
                int value = int.CreateTruncating(source[i]) - p.InputZeroPoint;
                var m = value >= 0 ? p.Identity : p.Alpha;
                int result = p.OutputZeroPoint + FixedPoint.MultiplyByQuantizedMultiplier(value, m.Multiplier, m.Shift);
                target[i] = T.CreateTruncating(Math.Clamp(result, min, max));
            }
        }
    }

    private sealed class FloatLeakyRelu(int input, int output, float alpha) : IOperation
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> source = buffers.Get<float>(input);
            var target = buffers.Get<float>(output);
            for (int i = 0; i < source.Length; i++)
            {
                float x = source[i];
                target[i] = x > 0 ? x : x * alpha;
            }
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>QUANTIZE: float → int8/int16 (round half away from zero), or integer requantization between int8/int16/int32.</summary>
internal static class QuantizeKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(output.Quantization is { Scales.Count: 1 }, "output must be quantized per tensor");
        (float outputScale, int outputZeroPoint) = context.Quantization(output);
        int inputIndex = context.InputIndex(0);
        int outputIndex = context.OutputIndex(0);
        if (input.Type == DataType.Float32)
        {
            return output.Type switch
            {
                DataType.Int8 => new FromFloat<sbyte>(inputIndex, outputIndex, outputScale, outputZeroPoint),
                DataType.Int16 => new FromFloat<short>(inputIndex, outputIndex, outputScale, outputZeroPoint),
                _ => throw context.Unsupported(input, output),
            };
        }

        (float inputScale, int inputZeroPoint) = context.Quantization(input);
        var q = QuantizedMultiplier.From((double)inputScale / outputScale);
        var p = new RequantizeParameters(inputIndex, outputIndex, inputZeroPoint, outputZeroPoint, q);
        return (input.Type, output.Type) switch
        {
            (DataType.Int8, DataType.Int8) => new Requantize<sbyte, sbyte>(p),
            (DataType.Int8, DataType.Int16) => new Requantize<sbyte, short>(p),
            (DataType.Int8, DataType.Int32) => new Requantize<sbyte, int>(p),
            (DataType.Int16, DataType.Int8) => new Requantize<short, sbyte>(p),
            (DataType.Int16, DataType.Int16) => new Requantize<short, short>(p),
            (DataType.Int16, DataType.Int32) => new Requantize<short, int>(p),
            (DataType.Int32, DataType.Int8) => new Requantize<int, sbyte>(p),
            (DataType.Int32, DataType.Int16) => new Requantize<int, short>(p),
            _ => throw context.Unsupported(input, output),
        };
    }

    private sealed class FromFloat<T>(int input, int output, float scale, int zeroPoint) : IOperation
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> source = buffers.Get<float>(input);
            var target = buffers.Get<T>(output);
            int min = int.CreateTruncating(T.MinValue);
            int max = int.CreateTruncating(T.MaxValue);
            for (int i = 0; i < source.Length; i++)
            {
                int value = (int)MathF.Round(source[i] / scale, MidpointRounding.AwayFromZero) + zeroPoint;
                target[i] = T.CreateTruncating(Math.Clamp(value, min, max));
            }
        }
    }

    private readonly record struct RequantizeParameters(int Input, int Output, int InputZeroPoint, int OutputZeroPoint, QuantizedMultiplier Multiplier);

    private sealed class Requantize<TIn, TOut>(RequantizeParameters p) : IOperation
        where TIn : unmanaged, IBinaryInteger<TIn>
        where TOut : unmanaged, IBinaryInteger<TOut>, IMinMaxValue<TOut>
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<TIn> source = buffers.Get<TIn>(p.Input);
            var target = buffers.Get<TOut>(p.Output);
            int min = int.CreateTruncating(TOut.MinValue);
            int max = int.CreateTruncating(TOut.MaxValue);
            for (int i = 0; i < source.Length; i++)
            {
                int value = FixedPoint.MultiplyByQuantizedMultiplier(
                    int.CreateTruncating(source[i]) - p.InputZeroPoint, p.Multiplier.Multiplier, p.Multiplier.Shift) + p.OutputZeroPoint;
                target[i] = TOut.CreateTruncating(Math.Clamp(value, min, max));
            }
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels;

/// <summary>DEQUANTIZE: int8/int16 → float32 as (q − zero point) × scale computed in double, as TFLite's reference.</summary>
internal static class DequantizeKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(output.Type == DataType.Float32, $"output must be FLOAT32, not {output.Type.TfLiteName()}");
        (float scale, int zeroPoint) = context.Quantization(input);
        return input.Type switch
        {
            DataType.Int8 => new Dequantize<sbyte>(context.InputIndex(0), context.OutputIndex(0), scale, zeroPoint),
            DataType.Int16 => new Dequantize<short>(context.InputIndex(0), context.OutputIndex(0), scale, zeroPoint),
            _ => throw context.Unsupported(input, output),
        };
    }

    private sealed class Dequantize<T>(int input, int output, double scale, int zeroPoint) : IOperation
        where T : unmanaged, IBinaryInteger<T>
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<T> source = buffers.Get<T>(input);
            var target = buffers.Get<float>(output);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = (float)(scale * (int.CreateTruncating(source[i]) - zeroPoint));
            }
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;

namespace Mote.Runtime.Kernels;

/// <summary>
/// CAST between int8, uint8, int16, int32, uint32 and float32 with C's <c>static_cast</c> semantics, as TFLM: integers
/// wrap to the narrower type, integers convert to the nearest float, floats truncate toward zero (saturating here,
/// where C leaves out-of-range values undefined).
/// </summary>
internal static class CastKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Shape.ElementCount == output.Shape.ElementCount, $"input {input.Shape} and output {output.Shape} sizes differ");
        return input.Type switch
        {
            DataType.Int8 => To<sbyte>(context),
            DataType.UInt8 => To<byte>(context),
            DataType.Int16 => To<short>(context),
            DataType.Int32 => To<int>(context),
            DataType.UInt32 => To<uint>(context),
            DataType.Float32 => To<float>(context),
            _ => throw context.Unsupported(input, output),
        };
    }

    private static IOperation To<TIn>(KernelContext context)
        where TIn : unmanaged, INumberBase<TIn> => context.Output(0).Type switch
        {
            DataType.Int8 => new Cast<TIn, sbyte>(context.InputIndex(0), context.OutputIndex(0)),
            DataType.UInt8 => new Cast<TIn, byte>(context.InputIndex(0), context.OutputIndex(0)),
            DataType.Int16 => new Cast<TIn, short>(context.InputIndex(0), context.OutputIndex(0)),
            DataType.Int32 => new Cast<TIn, int>(context.InputIndex(0), context.OutputIndex(0)),
            DataType.UInt32 => new Cast<TIn, uint>(context.InputIndex(0), context.OutputIndex(0)),
            DataType.Float32 => new Cast<TIn, float>(context.InputIndex(0), context.OutputIndex(0)),
            _ => throw context.Unsupported(context.Input(0), context.Output(0)),
        };

    private sealed class Cast<TIn, TOut>(int input, int output) : IOperation
        where TIn : unmanaged, INumberBase<TIn>
        where TOut : unmanaged, INumberBase<TOut>
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<TIn> source = buffers.Get<TIn>(input);
            var target = buffers.Get<TOut>(output);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = TOut.CreateTruncating(source[i]);
            }
        }
    }
}

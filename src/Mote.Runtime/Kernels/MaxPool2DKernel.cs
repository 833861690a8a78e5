using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>MAX_POOL_2D: the maximum over the part of the window inside the image, then the fused activation clamp.</summary>
internal static class MaxPool2DKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<Pool2DOptions>();
        var geometry = PoolWindow.Geometry(context, options);
        var output = context.Output(0);
        int input = context.InputIndex(0);
        int outputIndex = context.OutputIndex(0);
        if (output.Type == DataType.Float32)
        {
            (float min, float max) = ActivationRange.Float(options.Activation);
            return new MaxPool<float>(geometry, input, outputIndex, min, max);
        }

        (float scale, int zeroPoint) = context.Quantization(output);
        (int qmin, int qmax) = ActivationRange.Quantized(options.Activation, output.Type, scale, zeroPoint);
        return output.Type == DataType.Int8
            ? new MaxPool<sbyte>(geometry, input, outputIndex, (sbyte)qmin, (sbyte)qmax)
            : new MaxPool<short>(geometry, input, outputIndex, (short)qmin, (short)qmax);
    }

    private sealed class MaxPool<T>(ConvGeometry g, int input, int output, T min, T max) : IOperation
        where T : struct, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<T> source = buffers.Get<T>(input);
            var target = buffers.Get<T>(output);
            int depth = g.InputDepth;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        var w = PoolWindow.Clip(g, oy, ox);
                        int outBase = (((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * depth;
                        for (int c = 0; c < depth; c++)
                        {
                            T best = T.MinValue;
                            for (int fy = w.YStart; fy < w.YEnd; fy++)
                            {
                                for (int fx = w.XStart; fx < w.XEnd; fx++)
                                {
                                    best = T.Max(best, source[((((b * g.InputHeight) + w.InY + fy) * g.InputWidth) + w.InX + fx) * depth + c]);
                                }
                            }

                            target[outBase + c] = T.Min(T.Max(best, min), max);
                        }
                    }
                }
            }
        }
    }
}

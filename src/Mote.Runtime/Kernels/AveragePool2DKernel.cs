using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>AVERAGE_POOL_2D: the mean over the part of the window inside the image (padding is not counted).</summary>
internal static class AveragePool2DKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<Pool2DOptions>();
        var geometry = PoolWindow.Geometry(context, options);
        var output = context.Output(0);
        if (output.Type == DataType.Float32)
        {
            (float min, float max) = ActivationRange.Float(options.Activation);
            return new FloatAverage(geometry, context.InputIndex(0), context.OutputIndex(0), min, max);
        }

        (float scale, int zeroPoint) = context.Quantization(output);
        (int qmin, int qmax) = ActivationRange.Quantized(options.Activation, output.Type, scale, zeroPoint);
        return output.Type == DataType.Int8
            ? new IntegerAverage<sbyte>(geometry, context.InputIndex(0), context.OutputIndex(0), qmin, qmax)
            : new IntegerAverage<short>(geometry, context.InputIndex(0), context.OutputIndex(0), qmin, qmax);
    }

    /// <summary>Integer mean rounded half away from zero, as TFLite's reference: (sum ± count/2) / count.</summary>
    private sealed class IntegerAverage<T>(ConvGeometry g, int input, int output, int min, int max) : IOperation
        where T : struct, System.Numerics.IBinaryInteger<T>
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
                        int count = (w.YEnd - w.YStart) * (w.XEnd - w.XStart);
                        int outBase = (((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * depth;
                        for (int c = 0; c < depth; c++)
                        {
                            int acc = 0;
                            for (int fy = w.YStart; fy < w.YEnd; fy++)
                            {
                                for (int fx = w.XStart; fx < w.XEnd; fx++)
                                {
                                    acc += int.CreateTruncating(source[((((b * g.InputHeight) + w.InY + fy) * g.InputWidth) + w.InX + fx) * depth + c]);
                                }
                            }

                            acc = acc > 0 ? (acc + (count / 2)) / count : (acc - (count / 2)) / count;
                            target[outBase + c] = T.CreateTruncating(Math.Clamp(acc, min, max));
                        }
                    }
                }
            }
        }
    }

    private sealed class FloatAverage(ConvGeometry g, int input, int output, float min, float max) : IOperation
    {
        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> source = buffers.Get<float>(input);
            var target = buffers.Get<float>(output);
            int depth = g.InputDepth;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        var w = PoolWindow.Clip(g, oy, ox);
                        float count = (w.YEnd - w.YStart) * (w.XEnd - w.XStart);
                        int outBase = (((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * depth;
                        for (int c = 0; c < depth; c++)
                        {
                            float total = 0f;
                            for (int fy = w.YStart; fy < w.YEnd; fy++)
                            {
                                for (int fx = w.XStart; fx < w.XEnd; fx++)
                                {
                                    total += source[((((b * g.InputHeight) + w.InY + fy) * g.InputWidth) + w.InX + fx) * depth + c];
                                }
                            }

                            target[outBase + c] = Math.Clamp(total / count, min, max);
                        }
                    }
                }
            }
        }
    }
}

using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>DEPTHWISE_CONV_2D over NHWC with a [1, H, W, in × multiplier] filter: int8 (per-channel) and float32.</summary>
internal static class DepthwiseConv2DKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<DepthwiseConv2DOptions>();
        context.RequireActivation(options.Activation);
        var input = context.Input(0);
        var filter = context.Input(1);
        var output = context.Output(0);
        context.Require(filter.Shape.Rank == 4 && filter.Shape[0] == 1, $"filter must be [1, H, W, C], got {filter.Shape}");
        var geometry = ConvGeometry.Create(
            context, input.Shape, output.Shape, filter.Shape[1], filter.Shape[2],
            options.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW);
        context.Require(filter.Shape[3] == geometry.OutputDepth && geometry.OutputDepth % geometry.InputDepth == 0,
            $"filter {filter.Shape} does not match input depth {geometry.InputDepth} and output depth {geometry.OutputDepth}");
        int multiplier = geometry.OutputDepth / geometry.InputDepth;

        return (input.Type, filter.Type, output.Type) switch
        {
            (DataType.Int8, DataType.Int8, DataType.Int8) => new Int8Depthwise(context, geometry, multiplier, options.Activation),
            (DataType.Float32, DataType.Float32, DataType.Float32) => new FloatDepthwise(context, geometry, multiplier, options.Activation),
            _ => throw context.Unsupported(input, filter, output),
        };
    }

    /// <summary>Accumulates each filter tap into per-channel int32 sums (channels innermost, vectorized), then requantizes per channel.</summary>
    private sealed class Int8Depthwise : IOperation
    {
        private readonly ConvGeometry _g;
        private readonly int _multiplier;
        private readonly int _input;
        private readonly int _output;
        private readonly int[] _filter;
        private readonly int[] _bias;
        private readonly int _inputOffset;
        private readonly Requantizer _requantizer;
        private readonly int _accScratch;
        private readonly int _rowScratch;

        public Int8Depthwise(KernelContext context, ConvGeometry geometry, int multiplier, Activation activation)
        {
            _g = geometry;
            _multiplier = multiplier;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filter = Array.ConvertAll(context.Constant<sbyte>(1), v => (int)v);
            _bias = Bias.Int32(context, 2, geometry.OutputDepth);
            _inputOffset = -context.Quantization(context.Input(0)).ZeroPoint;
            _requantizer = Requantizer.PerChannel(context, context.Input(0), context.Input(1), context.Output(0), activation, geometry.OutputDepth);
            _accScratch = context.RequestScratch(geometry.OutputDepth * sizeof(int));
            _rowScratch = context.RequestScratch(geometry.OutputDepth * sizeof(int));
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            var g = _g;
            ReadOnlySpan<sbyte> input = buffers.Get<sbyte>(_input);
            var output = buffers.Get<sbyte>(_output);
            var acc = buffers.Scratch<int>(_accScratch);
            var row = buffers.Scratch<int>(_rowScratch);
            int depth = g.OutputDepth;
            int outIndex = 0;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    int inYOrigin = (oy * g.StrideHeight) - g.PadHeight;
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        int inXOrigin = (ox * g.StrideWidth) - g.PadWidth;
                        _bias.CopyTo(acc);
                        for (int fy = 0; fy < g.FilterHeight; fy++)
                        {
                            int iy = inYOrigin + (g.DilationHeight * fy);
                            if (iy < 0 || iy >= g.InputHeight)
                            {
                                continue;
                            }

                            for (int fx = 0; fx < g.FilterWidth; fx++)
                            {
                                int ix = inXOrigin + (g.DilationWidth * fx);
                                if (ix < 0 || ix >= g.InputWidth)
                                {
                                    continue;
                                }

                                var pixel = input.Slice(((((b * g.InputHeight) + iy) * g.InputWidth) + ix) * g.InputDepth, g.InputDepth);
                                var taps = _filter.AsSpan(((fy * g.FilterWidth) + fx) * depth, depth);
                                for (int c = 0; c < depth; c++)
                                {
                                    row[c] = pixel[c / _multiplier] + _inputOffset;
                                }

                                IntegerVectors.MultiplyAdd(acc, row, taps);
                            }
                        }

                        for (int c = 0; c < depth; c++)
                        {
                            output[outIndex + c] = (sbyte)_requantizer.Apply(acc[c], c);
                        }

                        outIndex += depth;
                    }
                }
            }
        }
    }

    /// <summary>Float32 with TFLite's per-channel summation order over the window, bias last.</summary>
    private sealed class FloatDepthwise : IOperation
    {
        private readonly ConvGeometry _g;
        private readonly int _multiplier;
        private readonly int _input;
        private readonly int _output;
        private readonly float[] _filter;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;

        public FloatDepthwise(KernelContext context, ConvGeometry geometry, int multiplier, Activation activation)
        {
            _g = geometry;
            _multiplier = multiplier;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filter = context.Constant<float>(1);
            _bias = Bias.Float(context, 2, geometry.OutputDepth);
            (_min, _max) = ActivationRange.Float(activation);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            var g = _g;
            ReadOnlySpan<float> input = buffers.Get<float>(_input);
            var output = buffers.Get<float>(_output);
            int depth = g.OutputDepth;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    int inYOrigin = (oy * g.StrideHeight) - g.PadHeight;
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        int inXOrigin = (ox * g.StrideWidth) - g.PadWidth;
                        var acc = output.Slice((((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * depth, depth);
                        acc.Clear();
                        for (int fy = 0; fy < g.FilterHeight; fy++)
                        {
                            int iy = inYOrigin + (g.DilationHeight * fy);
                            for (int fx = 0; fx < g.FilterWidth; fx++)
                            {
                                int ix = inXOrigin + (g.DilationWidth * fx);
                                if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                                {
                                    continue;
                                }

                                int inBase = (((b * g.InputHeight) + iy) * g.InputWidth + ix) * g.InputDepth;
                                int filterBase = ((fy * g.FilterWidth) + fx) * depth;
                                for (int c = 0; c < depth; c++)
                                {
                                    acc[c] += input[inBase + (c / _multiplier)] * _filter[filterBase + c];
                                }
                            }
                        }

                        for (int c = 0; c < depth; c++)
                        {
                            acc[c] = Math.Clamp(acc[c] + _bias[c], _min, _max);
                        }
                    }
                }
            }
        }
    }
}

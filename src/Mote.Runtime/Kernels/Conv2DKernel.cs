using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>CONV_2D over NHWC: int8 (per-channel weights), int16 activations with int8 weights, and float32.</summary>
internal static class Conv2DKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<Conv2DOptions>();
        context.RequireActivation(options.Activation);
        var input = context.Input(0);
        var filter = context.Input(1);
        var output = context.Output(0);
        context.Require(filter.Shape.Rank == 4, $"filter must be 4-D, got {filter.Shape}");
        var geometry = ConvGeometry.Create(
            context, input.Shape, output.Shape, filter.Shape[1], filter.Shape[2],
            options.Padding, options.StrideH, options.StrideW, options.DilationH, options.DilationW);
        int filterDepth = filter.Shape[3];
        context.Require(filter.Shape[0] == geometry.OutputDepth, $"filter {filter.Shape} does not match output depth {geometry.OutputDepth}");
        context.Require(filterDepth > 0 && geometry.InputDepth % filterDepth == 0 && geometry.OutputDepth % (geometry.InputDepth / filterDepth) == 0,
            $"filter depth {filterDepth} does not divide input depth {geometry.InputDepth} into groups");

        return (input.Type, filter.Type, output.Type) switch
        {
            (DataType.Int8, DataType.Int8, DataType.Int8) => new Int8Convolution(
                context, geometry, context.Constant<sbyte>(1), filterDepth, Requantizer.PerChannel(context, input, filter, output, options.Activation, geometry.OutputDepth)),
            (DataType.Int16, DataType.Int8, DataType.Int16) => new Int16Conv(context, geometry, filterDepth, options.Activation),
            (DataType.Float32, DataType.Float32, DataType.Float32) => new FloatConv(context, geometry, filterDepth, options.Activation),
            _ => throw context.Unsupported(input, filter, output),
        };
    }

    /// <summary>
    /// Int16 activations × int8 weights with a 64-bit accumulator and TFLM's 64-bit requantization; zero points are 0.
    /// Each tap's channels are dotted in int32 in chunks small enough to be exact (|int16 × int8| ≤ 2^22, so 256 of
    /// them stay below 2^31) and added to the 64-bit sum.
    /// </summary>
    private sealed class Int16Conv : IOperation
    {
        private const int ExactChunk = 256;

        // Below one vector of channels a plain loop beats the call.
        private const int ShortestDot = 8;

        private readonly ConvGeometry _g;
        private readonly int _input;
        private readonly int _output;
        private readonly int _filterDepth;
        private readonly short[] _filter;
        private readonly long[] _bias;
        private readonly Requantizer _requantizer;

        public Int16Conv(KernelContext context, ConvGeometry geometry, int filterDepth, Activation activation)
        {
            _g = geometry;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filterDepth = filterDepth;
            _filter = Array.ConvertAll(context.Constant<sbyte>(1), v => (short)v);
            _bias = Bias.Int64(context, 2, geometry.OutputDepth);
            _requantizer = Requantizer.PerChannel(context, context.Input(0), context.Input(1), context.Output(0), activation, geometry.OutputDepth);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            var g = _g;
            ReadOnlySpan<short> input = buffers.Get<short>(_input);
            var output = buffers.Get<short>(_output);
            int groups = g.InputDepth / _filterDepth;
            int filtersPerGroup = g.OutputDepth / groups;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    int inYOrigin = (oy * g.StrideHeight) - g.PadHeight;
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        int inXOrigin = (ox * g.StrideWidth) - g.PadWidth;
                        int outBase = (((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * g.OutputDepth;
                        for (int oc = 0; oc < g.OutputDepth; oc++)
                        {
                            int channelStart = oc / filtersPerGroup * _filterDepth;
                            long acc = 0;
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

                                    int inBase = ((((b * g.InputHeight) + iy) * g.InputWidth) + ix) * g.InputDepth + channelStart;
                                    int filterBase = (((oc * g.FilterHeight) + fy) * g.FilterWidth + fx) * _filterDepth;
                                    if (_filterDepth < ShortestDot)
                                    {
                                        for (int c = 0; c < _filterDepth; c++)
                                        {
                                            acc += _filter[filterBase + c] * input[inBase + c];
                                        }

                                        continue;
                                    }

                                    for (int c = 0; c < _filterDepth; c += ExactChunk)
                                    {
                                        int n = Math.Min(ExactChunk, _filterDepth - c);
                                        acc += DotProduct.Int16(_filter.AsSpan(filterBase + c, n), input.Slice(inBase + c, n));
                                    }
                                }
                            }

                            output[outBase + oc] = (short)_requantizer.Apply(acc + _bias[oc], oc);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Float32 in TFLite's reference summation order (filter rows, then channels, bias last) so results match closely.</summary>
    private sealed class FloatConv : IOperation
    {
        private readonly ConvGeometry _g;
        private readonly int _input;
        private readonly int _output;
        private readonly int _filterDepth;
        private readonly float[] _filter;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;

        public FloatConv(KernelContext context, ConvGeometry geometry, int filterDepth, Activation activation)
        {
            _g = geometry;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filterDepth = filterDepth;
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
            int groups = g.InputDepth / _filterDepth;
            int filtersPerGroup = g.OutputDepth / groups;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    int inYOrigin = (oy * g.StrideHeight) - g.PadHeight;
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        int inXOrigin = (ox * g.StrideWidth) - g.PadWidth;
                        int outBase = (((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * g.OutputDepth;
                        for (int oc = 0; oc < g.OutputDepth; oc++)
                        {
                            int channelStart = oc / filtersPerGroup * _filterDepth;
                            float total = 0f;
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

                                    int inBase = ((((b * g.InputHeight) + iy) * g.InputWidth) + ix) * g.InputDepth + channelStart;
                                    int filterBase = (((oc * g.FilterHeight) + fy) * g.FilterWidth + fx) * _filterDepth;
                                    for (int c = 0; c < _filterDepth; c++)
                                    {
                                        total += input[inBase + c] * _filter[filterBase + c];
                                    }
                                }
                            }

                            output[outBase + oc] = Math.Clamp(total + _bias[oc], _min, _max);
                        }
                    }
                }
            }
        }
    }
}

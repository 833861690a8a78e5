using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
            (DataType.Int8, DataType.Int8, DataType.Int8) when geometry.InputDepth == 1 => SingleChannelAsConvolution(context, geometry, options.Activation),
            (DataType.Int8, DataType.Int8, DataType.Int8) => new Int8Depthwise(context, geometry, multiplier, options.Activation),
            (DataType.Float32, DataType.Float32, DataType.Float32) => new FloatDepthwise(context, geometry, multiplier, options.Activation),
            _ => throw context.Unsupported(input, filter, output),
        };
    }

    /// <summary>
    /// With one input channel, output channel c = m is a convolution of that channel with filter column m, so the
    /// filter is transposed to CONV_2D's [output, height, width, 1] layout and run as a convolution.
    /// </summary>
    private static Int8Convolution SingleChannelAsConvolution(KernelContext context, ConvGeometry geometry, Activation activation)
    {
        var filter = context.Constant<sbyte>(1);
        int taps = geometry.FilterHeight * geometry.FilterWidth;
        var transposed = new sbyte[filter.Length];
        for (int tap = 0; tap < taps; tap++)
        {
            for (int c = 0; c < geometry.OutputDepth; c++)
            {
                transposed[(c * taps) + tap] = filter[(tap * geometry.OutputDepth) + c];
            }
        }

        var requantizer = Requantizer.PerChannel(context, context.Input(0), context.Input(1), context.Output(0), activation, geometry.OutputDepth);
        return new Int8Convolution(context, geometry, transposed, 1, requantizer);
    }

    /// <summary>
    /// Per output pixel, each block of eight channels sums its valid taps in one vector: (input − zero point) and the
    /// weight are both within ±255 × 128, so their product is exact in int16 and is widened only to be added. Other
    /// channel multipliers and the last channels of a depth that is not a multiple of eight go one channel at a time.
    /// </summary>
    private sealed class Int8Depthwise : IOperation
    {
        private const int Lanes = 8;

        private readonly ConvGeometry _g;
        private readonly int _multiplier;
        private readonly int _input;
        private readonly int _output;
        private readonly short[] _filter;
        private readonly int[] _bias;
        private readonly int _inputOffset;
        private readonly Requantizer _requantizer;

        public Int8Depthwise(KernelContext context, ConvGeometry geometry, int multiplier, Activation activation)
        {
            _g = geometry;
            _multiplier = multiplier;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filter = Array.ConvertAll(context.Constant<sbyte>(1), v => (short)v);
            context.Require(_filter.Length == geometry.FilterHeight * geometry.FilterWidth * geometry.OutputDepth,
                $"filter holds {_filter.Length} values, not {geometry.FilterHeight}×{geometry.FilterWidth}×{geometry.OutputDepth}");
            _bias = Bias.Int32(context, 2, geometry.OutputDepth);
            _inputOffset = -context.Quantization(context.Input(0)).ZeroPoint;
            _requantizer = Requantizer.PerChannel(context, context.Input(0), context.Input(1), context.Output(0), activation, geometry.OutputDepth);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            var g = _g;
            ReadOnlySpan<sbyte> input = buffers.Get<sbyte>(_input);
            var output = buffers.Get<sbyte>(_output);
            int depth = g.OutputDepth;
            int vectorChannels = FixedPointVector.IsSupported && _multiplier == 1 ? depth / Lanes * Lanes : 0;
            int outIndex = 0;
            for (int b = 0; b < g.Batches; b++)
            {
                for (int oy = 0; oy < g.OutputHeight; oy++)
                {
                    int inYOrigin = (oy * g.StrideHeight) - g.PadHeight;
                    var rows = ConvGeometry.ValidTaps(inYOrigin, g.DilationHeight, g.InputHeight, g.FilterHeight);
                    for (int ox = 0; ox < g.OutputWidth; ox++)
                    {
                        int inXOrigin = (ox * g.StrideWidth) - g.PadWidth;
                        var columns = ConvGeometry.ValidTaps(inXOrigin, g.DilationWidth, g.InputWidth, g.FilterWidth);
                        int pixelBase = (((b * g.InputHeight) + inYOrigin) * g.InputWidth) + inXOrigin;
                        var window = new Window(pixelBase, rows, columns);
                        int c = 0;
                        for (; c + (2 * Lanes) <= vectorChannels; c += 2 * Lanes)
                        {
                            var (lower, upper) = SumSixteen(input, window, c);
                            _requantizer.StoreInt8(lower, c, ref output[outIndex + c]);
                            _requantizer.StoreInt8(upper, c + Lanes, ref output[outIndex + c + Lanes]);
                        }

                        for (; c < vectorChannels; c += Lanes)
                        {
                            _requantizer.StoreInt8(SumEight(input, window, c), c, ref output[outIndex + c]);
                        }

                        for (; c < depth; c++)
                        {
                            output[outIndex + c] = (sbyte)_requantizer.Apply(Sum(input, window, c), c);
                        }

                        outIndex += depth;
                    }
                }
            }
        }

        /// <summary>Sums of sixteen channels from <paramref name="channel"/>: the lower eight and the upper eight.</summary>
        private (Vector256<int> Lower, Vector256<int> Upper) SumSixteen(ReadOnlySpan<sbyte> input, Window window, int channel)
        {
            var g = _g;
            var offset = Vector256.Create((short)_inputOffset);
            var lower = Vector256.Create<int>(_bias.AsSpan(channel, Lanes));
            var upper = Vector256.Create<int>(_bias.AsSpan(channel + Lanes, Lanes));
            ref sbyte source = ref MemoryMarshal.GetReference(input);
            ref short filter = ref MemoryMarshal.GetArrayDataReference(_filter);
            int columnStep = g.DilationWidth * g.InputDepth;
            for (int fy = window.Rows.Start; fy < window.Rows.End; fy++)
            {
                int at = InputIndex(window, fy, window.Columns.Start, channel);
                int tap = ((fy * g.FilterWidth) + window.Columns.Start) * g.OutputDepth + channel;
                for (int fx = window.Columns.Start; fx < window.Columns.End; fx++, at += columnStep, tap += g.OutputDepth)
                {
                    var x = Avx2.Add(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.Add(ref source, at))), offset);
                    var product = Avx2.MultiplyLow(x, Vector256.LoadUnsafe(ref filter, (nuint)tap));
                    lower = Avx2.Add(lower, Avx2.ConvertToVector256Int32(product.GetLower()));
                    upper = Avx2.Add(upper, Avx2.ConvertToVector256Int32(product.GetUpper()));
                }
            }

            return (lower, upper);
        }

        /// <summary>Sums of eight channels from <paramref name="channel"/>.</summary>
        private Vector256<int> SumEight(ReadOnlySpan<sbyte> input, Window window, int channel)
        {
            var g = _g;
            var offset = Vector128.Create((short)_inputOffset);
            var acc = Vector256.Create<int>(_bias.AsSpan(channel, Lanes));
            ref sbyte source = ref MemoryMarshal.GetReference(input);
            ref short filter = ref MemoryMarshal.GetArrayDataReference(_filter);
            int columnStep = g.DilationWidth * g.InputDepth;
            for (int fy = window.Rows.Start; fy < window.Rows.End; fy++)
            {
                int at = InputIndex(window, fy, window.Columns.Start, channel);
                int tap = ((fy * g.FilterWidth) + window.Columns.Start) * g.OutputDepth + channel;
                for (int fx = window.Columns.Start; fx < window.Columns.End; fx++, at += columnStep, tap += g.OutputDepth)
                {
                    var eight = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref source, at)))).AsSByte();
                    var x = Sse2.Add(Sse41.ConvertToVector128Int16(eight), offset);
                    acc = Avx2.Add(acc, Avx2.ConvertToVector256Int32(Sse2.MultiplyLow(x, Vector128.LoadUnsafe(ref filter, (nuint)tap))));
                }
            }

            return acc;
        }

        private int InputIndex(Window window, int fy, int fx, int channel) =>
            ((window.PixelBase + (_g.DilationHeight * fy * _g.InputWidth) + (_g.DilationWidth * fx)) * _g.InputDepth) + channel;

        private int Sum(ReadOnlySpan<sbyte> input, Window window, int channel)
        {
            var g = _g;
            int acc = _bias[channel];
            int inputChannel = channel / _multiplier;
            for (int fy = window.Rows.Start; fy < window.Rows.End; fy++)
            {
                for (int fx = window.Columns.Start; fx < window.Columns.End; fx++)
                {
                    acc += (input[InputIndex(window, fy, fx, inputChannel)] + _inputOffset) * _filter[(((fy * g.FilterWidth) + fx) * g.OutputDepth) + channel];
                }
            }

            return acc;
        }

        /// <summary>An output pixel's window: the input pixel index of tap (0, 0) (possibly outside the image) and the taps inside it.</summary>
        private readonly record struct Window(int PixelBase, (int Start, int End) Rows, (int Start, int End) Columns);
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

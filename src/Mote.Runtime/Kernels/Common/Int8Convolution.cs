using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Mote.Runtime.Execution;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// Int8 convolution over NHWC with per-channel weights: CONV_2D, DEPTHWISE_CONV_2D with one input channel (which is a
/// convolution with one filter per output channel) and FULLY_CONNECTED with many units (a 1×1 convolution). For each output pixel the receptive field is gathered once
/// into an int16 row of raw input values (the input zero point where the window leaves the image, so those taps add
/// nothing), and the row is multiplied by the filter packed for pmaddwd: pairs of taps interleaved per output channel,
/// so one instruction adds two taps to eight channels' sums and no horizontal sums are needed.
/// The input offset is folded into the bias: Σ w·(x − zp) + bias = Σ w·x + (bias − zp·Σ w), equal in int32 to TFLM's sum.
/// </summary>
internal sealed class Int8Convolution : IOperation
{
    // Output channels per vector of int32 sums.
    private const int Lanes = 8;

    private readonly ConvGeometry _g;
    private readonly int _input;
    private readonly int _output;
    private readonly int _filterDepth;
    private readonly int _groups;
    private readonly int _filtersPerGroup;
    private readonly int _rowLength;
    private readonly int _pairs;

    // Shorts from one tap pair to the next in the packed filter: a group's channels rounded up to whole vectors, × 2.
    private readonly int _pairStride;
    private readonly short[] _packed;
    private readonly int[] _bias;
    private readonly Requantizer _requantizer;
    private readonly short _paddingValue;
    private readonly int _rowScratch;

    /// <param name="context">The operator being prepared.</param>
    /// <param name="geometry">Window, strides and padding.</param>
    /// <param name="filter">Weights as [output channel, filter height, filter width, <paramref name="filterDepth"/>].</param>
    /// <param name="filterDepth">Input channels each filter sees (the input depth, or less for grouped convolutions).</param>
    /// <param name="requantizer">Turns each output channel's sum into int8 (and applies the fused activation).</param>
    public Int8Convolution(KernelContext context, ConvGeometry geometry, sbyte[] filter, int filterDepth, Requantizer requantizer)
    {
        _g = geometry;
        _input = context.InputIndex(0);
        _output = context.OutputIndex(0);
        _filterDepth = filterDepth;
        _groups = geometry.InputDepth / filterDepth;
        _filtersPerGroup = geometry.OutputDepth / _groups;
        _rowLength = geometry.FilterHeight * geometry.FilterWidth * filterDepth;
        _pairs = (_rowLength + 1) / 2;
        _pairStride = (_filtersPerGroup + Lanes - 1) / Lanes * Lanes * 2;
        context.Require(filter.Length == geometry.OutputDepth * _rowLength,
            $"filter holds {filter.Length} values, not {geometry.OutputDepth}×{geometry.FilterHeight}×{geometry.FilterWidth}×{filterDepth}");
        _packed = Pack(filter, geometry.OutputDepth);

        int inputZeroPoint = context.Quantization(context.Input(0)).ZeroPoint;
        _paddingValue = (short)inputZeroPoint;
        _bias = Bias.Int32(context, 2, geometry.OutputDepth);
        for (int oc = 0; oc < geometry.OutputDepth; oc++)
        {
            _bias[oc] -= inputZeroPoint * DotProduct.Sum(filter.AsSpan(oc * _rowLength, _rowLength));
        }

        _requantizer = requantizer;
        _rowScratch = context.RequestScratch(_pairs * 2 * sizeof(short));
    }

    // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Eval(TensorBuffers buffers)
    {
        var g = _g;
        ReadOnlySpan<sbyte> input = buffers.Get<sbyte>(_input);
        var output = buffers.Get<sbyte>(_output);
        var row = buffers.Scratch<short>(_rowScratch);

        // An odd row length leaves one tap of the last pair unused; its packed weights are zero.
        row[^1] = 0;
        int outIndex = 0;
        for (int b = 0; b < g.Batches; b++)
        {
            for (int oy = 0; oy < g.OutputHeight; oy++)
            {
                for (int ox = 0; ox < g.OutputWidth; ox++)
                {
                    for (int group = 0; group < _groups; group++)
                    {
                        GatherRow(input, row, b, oy, ox, group * _filterDepth);
                        MultiplyRow(row, group, output.Slice(outIndex + (group * _filtersPerGroup), _filtersPerGroup));
                    }

                    outIndex += g.OutputDepth;
                }
            }
        }
    }

    /// <summary>[oc, k] weights → per group [pair, channel rounded up to whole vectors, 2] shorts; missing entries are zero.</summary>
    private short[] Pack(sbyte[] filter, int outputDepth)
    {
        var packed = new short[_groups * _pairs * _pairStride];
        for (int oc = 0; oc < outputDepth; oc++)
        {
            int group = oc / _filtersPerGroup;
            int channel = oc % _filtersPerGroup;
            for (int k = 0; k < _rowLength; k++)
            {
                packed[(((group * _pairs) + (k / 2)) * _pairStride) + (channel * 2) + (k % 2)] = filter[(oc * _rowLength) + k];
            }
        }

        return packed;
    }

    private void GatherRow(ReadOnlySpan<sbyte> input, Span<short> row, int b, int oy, int ox, int channelStart)
    {
        var g = _g;
        int inYOrigin = (oy * g.StrideHeight) - g.PadHeight;
        int inXOrigin = (ox * g.StrideWidth) - g.PadWidth;
        int k = 0;
        for (int fy = 0; fy < g.FilterHeight; fy++)
        {
            int iy = inYOrigin + (g.DilationHeight * fy);
            for (int fx = 0; fx < g.FilterWidth; fx++)
            {
                int ix = inXOrigin + (g.DilationWidth * fx);
                var target = row.Slice(k, _filterDepth);
                if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
                {
                    Widen(input.Slice((((((b * g.InputHeight) + iy) * g.InputWidth) + ix) * g.InputDepth) + channelStart, _filterDepth), target);
                }
                else
                {
                    target.Fill(_paddingValue);
                }

                k += _filterDepth;
            }
        }
    }

    /// <summary>One group's output channels for a gathered row: eight channels per vector, the rest one by one.</summary>
    private void MultiplyRow(ReadOnlySpan<short> row, int group, Span<sbyte> output)
    {
        ref short weights = ref _packed[group * _pairs * _pairStride];
        int firstChannel = group * _filtersPerGroup;
        int channel = 0;
        if (FixedPointVector.IsSupported)
        {
            ref int rowPairs = ref Unsafe.As<short, int>(ref MemoryMarshal.GetReference(row));
            for (; channel + (4 * Lanes) <= output.Length; channel += 4 * Lanes)
            {
                MultiplyFourVectors(ref rowPairs, ref Unsafe.Add(ref weights, channel * 2), firstChannel + channel, ref output[channel]);
            }

            for (; channel + Lanes <= output.Length; channel += Lanes)
            {
                MultiplyOneVector(ref rowPairs, ref Unsafe.Add(ref weights, channel * 2), firstChannel + channel, ref output[channel]);
            }
        }

        for (; channel < output.Length; channel++)
        {
            int acc = _bias[firstChannel + channel];
            for (int p = 0; p < _pairs; p++)
            {
                int at = (p * _pairStride) + (channel * 2);
                acc += (row[2 * p] * Unsafe.Add(ref weights, at)) + (row[(2 * p) + 1] * Unsafe.Add(ref weights, at + 1));
            }

            output[channel] = (sbyte)_requantizer.Apply(acc, firstChannel + channel);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MultiplyFourVectors(ref int rowPairs, ref short weights, int channel, ref sbyte output)
    {
        var acc0 = Vector256.Create<int>(_bias.AsSpan(channel, Lanes));
        var acc1 = Vector256.Create<int>(_bias.AsSpan(channel + Lanes, Lanes));
        var acc2 = Vector256.Create<int>(_bias.AsSpan(channel + (2 * Lanes), Lanes));
        var acc3 = Vector256.Create<int>(_bias.AsSpan(channel + (3 * Lanes), Lanes));
        for (int p = 0; p < _pairs; p++)
        {
            var x = Vector256.Create(Unsafe.Add(ref rowPairs, p)).AsInt16();
            ref short w = ref Unsafe.Add(ref weights, p * _pairStride);
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(x, Vector256.LoadUnsafe(ref w)));
            acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(x, Vector256.LoadUnsafe(ref w, 2 * Lanes)));
            acc2 = Avx2.Add(acc2, Avx2.MultiplyAddAdjacent(x, Vector256.LoadUnsafe(ref w, 4 * Lanes)));
            acc3 = Avx2.Add(acc3, Avx2.MultiplyAddAdjacent(x, Vector256.LoadUnsafe(ref w, 6 * Lanes)));
        }

        _requantizer.StoreInt8(acc0, channel, ref output);
        _requantizer.StoreInt8(acc1, channel + Lanes, ref Unsafe.Add(ref output, Lanes));
        _requantizer.StoreInt8(acc2, channel + (2 * Lanes), ref Unsafe.Add(ref output, 2 * Lanes));
        _requantizer.StoreInt8(acc3, channel + (3 * Lanes), ref Unsafe.Add(ref output, 3 * Lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MultiplyOneVector(ref int rowPairs, ref short weights, int channel, ref sbyte output)
    {
        var acc = Vector256.Create<int>(_bias.AsSpan(channel, Lanes));
        for (int p = 0; p < _pairs; p++)
        {
            var x = Vector256.Create(Unsafe.Add(ref rowPairs, p)).AsInt16();
            acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(x, Vector256.LoadUnsafe(ref Unsafe.Add(ref weights, p * _pairStride))));
        }

        _requantizer.StoreInt8(acc, channel, ref output);
    }

    /// <summary>Sign-extends int8 values to int16, sixteen at a time where AVX2 is available.</summary>
    private static void Widen(ReadOnlySpan<sbyte> source, Span<short> target)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            ref sbyte from = ref MemoryMarshal.GetReference(source);
            ref short to = ref MemoryMarshal.GetReference(target);
            for (; i + 16 <= source.Length; i += 16)
            {
                Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = source[i];
        }
    }
}

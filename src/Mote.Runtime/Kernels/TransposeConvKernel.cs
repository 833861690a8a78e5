using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>
/// TRANSPOSE_CONV (inputs: output shape, filter [O, H, W, I], input, optional bias). Like TFLM, the output-shape input
/// is ignored in favour of the output tensor's shape and the fused activation is not applied. Each input element is
/// scattered into an accumulator buffer, which is then requantized per channel.
/// </summary>
internal static class TransposeConvKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<TransposeConvOptions>();
        var filter = context.Input(1);
        var input = context.Input(2);
        var output = context.Output(0);
        context.Require(filter.Shape.Rank == 4 && input.Shape.Rank == 4 && output.Shape.Rank == 4, "filter, input and output must be 4-D");
        context.Require(filter.Shape[3] == input.Shape[3] && filter.Shape[0] == output.Shape[3] && input.Shape[0] == output.Shape[0],
            $"filter {filter.Shape} does not match input {input.Shape} and output {output.Shape}");

        // Padding as for a convolution that maps the output back onto the input.
        int height = output.Shape[1];
        int width = output.Shape[2];
        int filterHeight = filter.Shape[1];
        int filterWidth = filter.Shape[2];
        int padHeight = ConvGeometry.PaddingBefore(options.StrideH, 1, height, filterHeight,
            ConvGeometry.OutputSize(options.Padding, height, filterHeight, options.StrideH, 1));
        int padWidth = ConvGeometry.PaddingBefore(options.StrideW, 1, width, filterWidth,
            ConvGeometry.OutputSize(options.Padding, width, filterWidth, options.StrideW, 1));
        var geometry = new ConvGeometry(
            input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3], height, width, output.Shape[3],
            filterHeight, filterWidth, options.StrideH, options.StrideW, 1, 1, padHeight, padWidth);

        return (input.Type, filter.Type, output.Type) switch
        {
            (DataType.Int16, DataType.Int8, DataType.Int16) => new Int16TransposeConv(context, geometry),
            _ => throw context.Unsupported(input, filter, output),
        };
    }

    private sealed class Int16TransposeConv : IOperation
    {
        private readonly ConvGeometry _g;
        private readonly int _input;
        private readonly int _output;
        private readonly sbyte[] _filter;
        private readonly long[] _bias;
        private readonly Requantizer _requantizer;
        private readonly int _accScratch;

        public Int16TransposeConv(KernelContext context, ConvGeometry geometry)
        {
            _g = geometry;
            _input = context.InputIndex(2);
            _output = context.OutputIndex(0);
            _filter = context.Constant<sbyte>(1);
            _bias = Bias.Int64(context, 3, geometry.OutputDepth);
            _requantizer = Requantizer.PerChannel(context, context.Input(2), context.Input(1), context.Output(0), Activation.None, geometry.OutputDepth);
            _accScratch = context.RequestScratch(context.Output(0).Shape.ElementCount * sizeof(long));
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            var g = _g;
            ReadOnlySpan<short> input = buffers.Get<short>(_input);
            var output = buffers.Get<short>(_output);
            var acc = buffers.Scratch<long>(_accScratch);
            acc.Clear();
            for (int b = 0; b < g.Batches; b++)
            {
                for (int iy = 0; iy < g.InputHeight; iy++)
                {
                    for (int ix = 0; ix < g.InputWidth; ix++)
                    {
                        int inBase = (((b * g.InputHeight) + iy) * g.InputWidth + ix) * g.InputDepth;
                        for (int fy = 0; fy < g.FilterHeight; fy++)
                        {
                            int oy = (iy * g.StrideHeight) - g.PadHeight + fy;
                            for (int fx = 0; fx < g.FilterWidth; fx++)
                            {
                                int ox = (ix * g.StrideWidth) - g.PadWidth + fx;
                                if (oy < 0 || oy >= g.OutputHeight || ox < 0 || ox >= g.OutputWidth)
                                {
                                    continue;
                                }

                                int outBase = (((b * g.OutputHeight) + oy) * g.OutputWidth + ox) * g.OutputDepth;
                                for (int oc = 0; oc < g.OutputDepth; oc++)
                                {
                                    int filterBase = (((oc * g.FilterHeight) + fy) * g.FilterWidth + fx) * g.InputDepth;
                                    long sum = 0;
                                    for (int ic = 0; ic < g.InputDepth; ic++)
                                    {
                                        sum += input[inBase + ic] * _filter[filterBase + ic];
                                    }

                                    acc[outBase + oc] += sum;
                                }
                            }
                        }
                    }
                }
            }

            for (int i = 0; i < output.Length; i++)
            {
                int oc = i % g.OutputDepth;
                output[i] = (short)_requantizer.Apply(acc[i] + _bias[oc], oc);
            }
        }
    }
}

using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Execution;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>FULLY_CONNECTED: output[b, u] = Σ input[b, d]·weights[u, d] + bias[u]; int8, int16×int8 and float32.</summary>
internal static class FullyConnectedKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<FullyConnectedOptions>();
        context.RequireActivation(options.Activation);
        context.Require(options.WeightsFormat == FullyConnectedWeightsFormat.Default, "shuffled weights are not supported");
        var input = context.Input(0);
        var filter = context.Input(1);
        var output = context.Output(0);
        context.Require(filter.Shape.Rank == 2, $"weights must be 2-D, got {filter.Shape}");
        int units = filter.Shape[0];
        int depth = filter.Shape[1];
        context.Require(depth > 0 && input.Shape.ElementCount % depth == 0, $"input {input.Shape} is not a multiple of the weights depth {depth}");
        int batches = (int)(input.Shape.ElementCount / depth);
        context.Require(output.Shape.ElementCount == (long)batches * units, $"output {output.Shape} does not hold {batches}×{units} values");
        var shape = new FcShape(batches, units, depth);

        return (input.Type, filter.Type, output.Type) switch
        {
            (DataType.Int8, DataType.Int8, DataType.Int8) when shape.Units >= ManyUnits => AsConvolution(context, shape, options.Activation),
            (DataType.Int8, DataType.Int8, DataType.Int8) => new Int8Fc(context, shape, options.Activation),
            (DataType.Int16, DataType.Int8, DataType.Int16) => new Int16Fc(context, shape, options.Activation),
            (DataType.Float32, DataType.Float32, DataType.Float32) => new FloatFc(context, shape, options.Activation),
            _ => throw context.Unsupported(input, filter, output),
        };
    }

    /// <summary>
    /// TFLM's multiplier: per-channel weights use input × filter[c] / output in double; per-tensor weights multiply
    /// the two float scales in float first (GetQuantizedConvolutionMultipler), which can differ in the last bit.
    /// </summary>
    private static Requantizer CreateRequantizer(KernelContext context, FcShape shape, Activation activation)
    {
        var input = context.Input(0);
        var filter = context.Input(1);
        var output = context.Output(0);
        context.Require(filter.Quantization is { HasScales: true }, $"weights {filter.Name} have no quantization parameters");
        context.Require(filter.Quantization!.ZeroPoints.All(z => z == 0), "weights must be symmetric (zero point 0)");
        if (filter.Quantization.IsPerChannel)
        {
            return Requantizer.PerChannel(context, input, filter, output, activation, shape.Units);
        }

        (float outputScale, int outputZeroPoint) = context.Quantization(output);
        var multiplier = QuantizedMultiplier.ForProduct(context.Quantization(input).Scale, filter.Quantization.Scales[0], outputScale);
        return Requantizer.PerTensor(multiplier, output, outputScale, outputZeroPoint, activation);
    }

    private readonly record struct FcShape(int Batches, int Units, int Depth);

    // From this many units on, the packed convolution (eight units per vector) beats one dot product per unit.
    private const int ManyUnits = 8;

    /// <summary>Each batch row as a 1×1 image with Depth channels and Units filters.</summary>
    private static Int8Convolution AsConvolution(KernelContext context, FcShape shape, Activation activation)
    {
        var geometry = new ConvGeometry(shape.Batches, 1, 1, shape.Depth, 1, 1, shape.Units, 1, 1, 1, 1, 1, 1, 0, 0);
        return new Int8Convolution(context, geometry, context.Constant<sbyte>(1), shape.Depth, CreateRequantizer(context, shape, activation));
    }

    /// <summary>
    /// The input zero point is folded into the bias once (bias − zero point · Σ weights of the row), so Eval dots the
    /// raw int8 input with the int8 weights and needs no scratch; int32 wrap-around makes this equal to TFLM's
    /// Σ weights·(input − zero point) for every input.
    /// </summary>
    private sealed class Int8Fc : IOperation
    {
        private readonly FcShape _shape;
        private readonly int _input;
        private readonly int _output;
        private readonly sbyte[] _filter;
        private readonly int[] _bias;
        private readonly Requantizer _requantizer;

        public Int8Fc(KernelContext context, FcShape shape, Activation activation)
        {
            _shape = shape;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filter = context.Constant<sbyte>(1);
            _bias = Bias.Int32(context, 2, shape.Units);
            int inputZeroPoint = context.Quantization(context.Input(0)).ZeroPoint;
            for (int u = 0; u < shape.Units; u++)
            {
                _bias[u] -= inputZeroPoint * DotProduct.Sum(_filter.AsSpan(u * shape.Depth, shape.Depth));
            }

            _requantizer = CreateRequantizer(context, shape, activation);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<sbyte> input = buffers.Get<sbyte>(_input);
            var output = buffers.Get<sbyte>(_output);
            int depth = _shape.Depth;
            for (int b = 0; b < _shape.Batches; b++)
            {
                var row = input.Slice(b * depth, depth);
                for (int u = 0; u < _shape.Units; u++)
                {
                    int acc = DotProduct.Int8(_filter.AsSpan(u * depth, depth), row) + _bias[u];
                    output[(b * _shape.Units) + u] = (sbyte)_requantizer.Apply(acc, u);
                }
            }
        }
    }

    /// <summary>Int16 activations (zero point 0) × int8 weights with a 64-bit accumulator, as TFLM's int16 reference kernel.</summary>
    private sealed class Int16Fc : IOperation
    {
        private readonly FcShape _shape;
        private readonly int _input;
        private readonly int _output;
        private readonly sbyte[] _filter;
        private readonly long[] _bias;
        private readonly Requantizer _requantizer;

        public Int16Fc(KernelContext context, FcShape shape, Activation activation)
        {
            _shape = shape;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filter = context.Constant<sbyte>(1);
            _bias = Bias.Int64(context, 2, shape.Units);
            _requantizer = CreateRequantizer(context, shape, activation);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<short> input = buffers.Get<short>(_input);
            var output = buffers.Get<short>(_output);
            int depth = _shape.Depth;
            for (int b = 0; b < _shape.Batches; b++)
            {
                for (int u = 0; u < _shape.Units; u++)
                {
                    long acc = 0;
                    for (int d = 0; d < depth; d++)
                    {
                        acc += _filter[(u * depth) + d] * input[(b * depth) + d];
                    }

                    output[(b * _shape.Units) + u] = (short)_requantizer.Apply(acc + _bias[u], u);
                }
            }
        }
    }

    /// <summary>Float32 in TFLite's reference order: a sequential dot product, then the bias, then the clamp.</summary>
    private sealed class FloatFc : IOperation
    {
        private readonly FcShape _shape;
        private readonly int _input;
        private readonly int _output;
        private readonly float[] _filter;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;

        public FloatFc(KernelContext context, FcShape shape, Activation activation)
        {
            _shape = shape;
            _input = context.InputIndex(0);
            _output = context.OutputIndex(0);
            _filter = context.Constant<float>(1);
            _bias = Bias.Float(context, 2, shape.Units);
            (_min, _max) = ActivationRange.Float(activation);
        }

        // Kernels run once per inference; skip the tier-0 JIT so the first inference is already optimized.

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]

        public void Eval(TensorBuffers buffers)
        {
            ReadOnlySpan<float> input = buffers.Get<float>(_input);
            var output = buffers.Get<float>(_output);
            int depth = _shape.Depth;
            for (int b = 0; b < _shape.Batches; b++)
            {
                for (int u = 0; u < _shape.Units; u++)
                {
                    float total = 0f;
                    for (int d = 0; d < depth; d++)
                    {
                        total += input[(b * depth) + d] * _filter[(u * depth) + d];
                    }

                    output[(b * _shape.Units) + u] = Math.Clamp(total + _bias[u], _min, _max);
                }
            }
        }
    }
}

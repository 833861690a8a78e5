using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// MUL with broadcasting: int8 as TFLM's MulElementwise (the product of the zero-point-free inputs requantized by
/// scale1·scale2/output scale), float32, and int32 (without a fused activation) wrapping as TFLM's int32 kernel.
/// </summary>
internal static class MulKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var options = context.Options<MulDivOptions>();
        context.RequireActivation(options.Activation);
        var a = context.Input(0);
        var b = context.Input(1);
        var output = context.Output(0);
        context.Require(a.Type == output.Type && b.Type == output.Type, $"input types {a.Type.TfLiteName()}, {b.Type.TfLiteName()} differ from output {output.Type.TfLiteName()}");
        switch (output.Type)
        {
            case DataType.Float32:
                (float min, float max) = ActivationRange.Float(options.Activation);
                return new BinaryOperation<float, FloatArithmetic>(context, new('*', min, max));
            case DataType.Int8:
                return new BinaryOperation<sbyte, QuantizedMul>(context, new(context, options.Activation));
            case DataType.Int32 when output.Quantization is not { HasScales: true } && options.Activation == Activation.None:
                return new BinaryOperation<int, IntegerArithmetic<int>>(context, new('*', int.MinValue, int.MaxValue));
            default:
                throw context.Unsupported(a, b, output);
        }
    }

    private readonly struct QuantizedMul : IBinaryFunction<sbyte>
    {
        private readonly int _offset1;
        private readonly int _offset2;
        private readonly Requantizer _requantizer;

        public QuantizedMul(KernelContext context, Activation activation)
        {
            (float scale1, int zeroPoint1) = context.Quantization(context.Input(0));
            (float scale2, int zeroPoint2) = context.Quantization(context.Input(1));
            var output = context.Output(0);
            (float outputScale, int outputZeroPoint) = context.Quantization(output);
            _offset1 = -zeroPoint1;
            _offset2 = -zeroPoint2;
            var multiplier = QuantizedMultiplier.From((double)scale1 * scale2 / outputScale);
            _requantizer = Requantizer.PerTensor(multiplier, output, outputScale, outputZeroPoint, activation);
        }

        public sbyte Apply(sbyte a, sbyte b) => (sbyte)_requantizer.Apply((a + _offset1) * (b + _offset2), 0);
    }
}

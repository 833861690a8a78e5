using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>MUL with broadcasting, unquantized: float32, and int32 (without a fused activation) wrapping as TFLM's int32 kernel.</summary>
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
            case DataType.Int32 when output.Quantization is not { HasScales: true } && options.Activation == Activation.None:
                return new BinaryOperation<int, IntegerArithmetic<int>>(context, new('*', int.MinValue, int.MaxValue));
            default:
                throw context.Unsupported(a, b, output);
        }
    }
}

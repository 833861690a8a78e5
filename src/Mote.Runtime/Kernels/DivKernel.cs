using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// DIV with broadcasting, unquantized: float32, and int32 (without a fused activation) rounding toward zero as C's
/// <c>/</c>. TFLM leaves division by zero and <c>int.MinValue / -1</c> undefined; here they give 0 and
/// <c>int.MinValue</c>, so Eval never throws.
/// </summary>
internal static class DivKernel
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
                return new BinaryOperation<float, FloatArithmetic>(context, new('/', min, max));
            case DataType.Int32 when output.Quantization is not { HasScales: true } && options.Activation == Activation.None:
                return new BinaryOperation<int, IntegerDivision>(context, default);
            default:
                throw context.Unsupported(a, b, output);
        }
    }

    private readonly struct IntegerDivision : IBinaryFunction<int>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Apply(int a, int b) => b switch
        {
            0 => 0,
            -1 => unchecked(-a),
            _ => a / b,
        };
    }
}

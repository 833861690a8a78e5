using System.Numerics;
using System.Runtime.CompilerServices;
using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>
/// MINIMUM and MAXIMUM with broadcasting on int8, int16, int32 and float32. As in TFLM, quantized tensors are compared
/// as raw values (TFLM requires the same quantization for inputs and output), and the choice is TFLM's
/// <c>a &lt; b ? a : b</c> / <c>a &gt; b ? a : b</c>, so a NaN in <c>b</c> wins.
/// </summary>
internal static class MinimumMaximumKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        bool maximum = context.Operator.Type == OpType.Maximum;
        var a = context.Input(0);
        var b = context.Input(1);
        var output = context.Output(0);
        context.Require(a.Type == output.Type && b.Type == output.Type, $"input types {a.Type.TfLiteName()}, {b.Type.TfLiteName()} differ from output {output.Type.TfLiteName()}");
        return output.Type switch
        {
            DataType.Int8 => new BinaryOperation<sbyte, Select<sbyte>>(context, new(maximum)),
            DataType.Int16 => new BinaryOperation<short, Select<short>>(context, new(maximum)),
            DataType.Int32 => new BinaryOperation<int, Select<int>>(context, new(maximum)),
            DataType.Float32 => new BinaryOperation<float, Select<float>>(context, new(maximum)),
            _ => throw context.Unsupported(a, b, output),
        };
    }

    private readonly struct Select<T>(bool maximum) : IBinaryFunction<T>
        where T : INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T a, T b) => maximum ? (a > b ? a : b) : (a < b ? a : b);
    }
}

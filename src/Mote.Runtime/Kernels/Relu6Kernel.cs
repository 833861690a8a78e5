using Mote.Graph;
using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>
/// RELU6: float32 clamps to [0, 6]; int8 and int16, as TFLM's Relu6Quantized, clamp the raw values to the input's
/// quantized 0 and 6 without rescaling (the converter gives input and output the same quantization).
/// </summary>
internal static class Relu6Kernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type, $"input {input.Type.TfLiteName()} and output {output.Type.TfLiteName()} types differ");
        return input.Type switch
        {
            DataType.Float32 => new UnaryOperation<float, float, FloatRelu6>(context, default),
            DataType.Int8 => new UnaryOperation<sbyte, sbyte, QuantizedRelu6<sbyte>>(context, new(context, input)),
            DataType.Int16 => new UnaryOperation<short, short, QuantizedRelu6<short>>(context, new(context, input)),
            _ => throw context.Unsupported(input, output),
        };
    }

    private readonly struct FloatRelu6 : IUnaryFunction<float, float>
    {
        public float Apply(float value) => value > 6f ? 6f : value < 0f ? 0f : value;
    }

    private readonly struct QuantizedRelu6<T> : IUnaryFunction<T, T>
        where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        private readonly T _zero;
        private readonly T _six;

        public QuantizedRelu6(KernelContext context, Tensor input)
        {
            (float scale, int zeroPoint) = context.Quantization(input);
            _zero = T.CreateTruncating(zeroPoint);

            // TFLM's FloatToQuantizedType: round half away from zero, then clamp to the type.
            int six = (int)MathF.Round(6f / scale, MidpointRounding.AwayFromZero) + zeroPoint;
            _six = T.CreateTruncating(Math.Clamp(six, int.CreateTruncating(T.MinValue), int.CreateTruncating(T.MaxValue)));
        }

        public T Apply(T value) => value > _six ? _six : value < _zero ? _zero : value;
    }
}

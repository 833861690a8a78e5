using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// TANH as TFLM's reference kernels: int8 through gemmlowp's fixed-point tanh (the result is written in Q0.7, i.e. an
/// output scale of 1/128 and zero point 0, whatever the output tensor says, as in TFLM), int16 through the sigmoid
/// lookup table, float32 with the C library's tanh.
/// </summary>
internal static class TanhKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type, $"input {input.Type.TfLiteName()} and output {output.Type.TfLiteName()} types differ");
        return input.Type switch
        {
            DataType.Float32 => new UnaryOperation<float, float, FloatTanh>(context, default),
            DataType.Int8 => Int8Tanh(context, input),
            DataType.Int16 => new UnaryOperation<short, short, Int16Tanh>(context, new(FixedPointActivationInput.Int16(context, input, output, allowScaleTwoPow11: true))),
            _ => throw context.Unsupported(input, output),
        };
    }

    private static IOperation Int8Tanh(KernelContext context, Tensor input)
    {
        (float scale, int zeroPoint) = context.Quantization(input);
        return new UnaryOperation<sbyte, sbyte, Int8FixedPointActivation>(context, new(scale, zeroPoint, tanh: true));
    }

    private readonly struct FloatTanh : IUnaryFunction<float, float>
    {
        public float Apply(float value) => MathF.Tanh(value);
    }

    private readonly struct Int16Tanh(FixedPointActivationInput input) : IUnaryFunction<short, short>
    {
        public short Apply(short value) => LookupActivations.Tanh(value, input.Multiplier, input.Shift);
    }
}

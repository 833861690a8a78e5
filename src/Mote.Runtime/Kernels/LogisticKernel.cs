using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// LOGISTIC (sigmoid) as TFLM's reference kernels: int8 through gemmlowp's fixed-point logistic (output scale 1/256,
/// zero point −128), int16 through the sigmoid lookup table, float32 with TFLite's cut-offs.
/// </summary>
internal static class LogisticKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type, $"input {input.Type.TfLiteName()} and output {output.Type.TfLiteName()} types differ");
        switch (input.Type)
        {
            case DataType.Float32:
                return new UnaryOperation<float, float, FloatLogistic>(context, default);
            case DataType.Int8:
                context.Require(context.Quantization(output).ZeroPoint == sbyte.MinValue, "int8 output zero point must be −128");
                (float scale, int zeroPoint) = context.Quantization(input);
                return new UnaryOperation<sbyte, sbyte, Int8FixedPointActivation>(context, new(scale, zeroPoint, tanh: false));
            case DataType.Int16:
                return new UnaryOperation<short, short, Int16Logistic>(context, new(FixedPointActivationInput.Int16(context, input, output, allowScaleTwoPow11: false)));
            default:
                throw context.Unsupported(input, output);
        }
    }

    private readonly struct FloatLogistic : IUnaryFunction<float, float>
    {
        public float Apply(float value) => FloatActivations.Logistic(value);
    }

    private readonly struct Int16Logistic(FixedPointActivationInput input) : IUnaryFunction<short, short>
    {
        public short Apply(short value) => LookupActivations.Logistic(value, input.Multiplier, input.Shift);
    }
}

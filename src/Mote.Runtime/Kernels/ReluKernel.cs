using Mote.Graph;
using Mote.Runtime.Kernels.Common;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels;

/// <summary>
/// RELU: float32 max(x, 0); int8 and int16 as TFLM's ReluQuantized, which also rescales from the input's to the
/// output's quantization and clamps at the output's quantized zero.
/// </summary>
internal static class ReluKernel
{
    public static IOperation Prepare(KernelContext context)
    {
        var input = context.Input(0);
        var output = context.Output(0);
        context.Require(input.Type == output.Type, $"input {input.Type.TfLiteName()} and output {output.Type.TfLiteName()} types differ");
        return input.Type switch
        {
            DataType.Float32 => new UnaryOperation<float, float, FloatRelu>(context, default),
            DataType.Int8 => new UnaryOperation<sbyte, sbyte, QuantizedRelu<sbyte>>(context, new(context, input, output)),
            DataType.Int16 => new UnaryOperation<short, short, QuantizedRelu<short>>(context, new(context, input, output)),
            _ => throw context.Unsupported(input, output),
        };
    }

    private readonly struct FloatRelu : IUnaryFunction<float, float>
    {
        public float Apply(float value) => value < 0f ? 0f : value;
    }

    private readonly struct QuantizedRelu<T> : IUnaryFunction<T, T>
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        private readonly int _inputZeroPoint;
        private readonly int _outputZeroPoint;
        private readonly QuantizedMultiplier _scale;
        private readonly int _min;
        private readonly int _max;

        public QuantizedRelu(KernelContext context, Tensor input, Tensor output)
        {
            (float inputScale, _inputZeroPoint) = context.Quantization(input);
            (float outputScale, _outputZeroPoint) = context.Quantization(output);
            context.Require(input.Type != DataType.Int16 || (_inputZeroPoint == 0 && _outputZeroPoint == 0), "int16 input and output must have zero point 0");
            _scale = QuantizedMultiplier.From((double)inputScale / outputScale);
            (_min, _max) = ActivationRange.Quantized(Activation.Relu, output.Type, outputScale, _outputZeroPoint);
        }

        public T Apply(T value)
        {
            int rescaled = _outputZeroPoint + FixedPoint.MultiplyByQuantizedMultiplier(int.CreateTruncating(value) - _inputZeroPoint, _scale.Multiplier, _scale.Shift);
            return T.CreateTruncating(Math.Clamp(rescaled, _min, _max));
        }
    }
}

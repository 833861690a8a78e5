using Mote.Graph;

namespace Mote.Runtime.Quantization;

/// <summary>Clamp bounds of a fused activation, in the output's quantized domain or in float.</summary>
public static class ActivationRange
{
    /// <summary>TFLite's CalculateActivationRangeQuantized: the activation bounds quantized with the output's parameters, intersected with the type's range.</summary>
    public static (int Min, int Max) Quantized(Activation activation, DataType type, float scale, int zeroPoint)
    {
        (int qmin, int qmax) = TypeRange(type);
        return activation switch
        {
            Activation.Relu => (Math.Max(qmin, Quantize(0f, scale, zeroPoint)), qmax),
            Activation.Relu6 => (Math.Max(qmin, Quantize(0f, scale, zeroPoint)), Math.Min(qmax, Quantize(6f, scale, zeroPoint))),
            Activation.ReluN1To1 => (Math.Max(qmin, Quantize(-1f, scale, zeroPoint)), Math.Min(qmax, Quantize(1f, scale, zeroPoint))),
            _ => (qmin, qmax),
        };
    }

    public static (float Min, float Max) Float(Activation activation) => activation switch
    {
        Activation.Relu => (0f, float.MaxValue),
        Activation.Relu6 => (0f, 6f),
        Activation.ReluN1To1 => (-1f, 1f),
        _ => (float.MinValue, float.MaxValue),
    };

    public static (int Min, int Max) TypeRange(DataType type) => type switch
    {
        DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DataType.UInt8 => (byte.MinValue, byte.MaxValue),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        _ => (int.MinValue, int.MaxValue),
    };

    /// <summary>Whether a fused activation is one the kernels can clamp to (TANH and SIGN_BIT are not fused in TFLM).</summary>
    public static bool IsSupported(Activation activation) =>
        activation is Activation.None or Activation.Relu or Activation.Relu6 or Activation.ReluN1To1;

    private static int Quantize(float value, float scale, int zeroPoint) =>
        zeroPoint + (int)MathF.Round(value / scale, MidpointRounding.AwayFromZero);
}

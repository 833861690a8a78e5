using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// TFLM's int8 LOGISTIC and TANH: (q − zero point) rescaled to Q4.27 for gemmlowp's fixed-point function, inputs beyond
/// the radius saturated, and the Q0.31 result rounded to the fixed output grid (1/256 with zero point −128 for
/// LOGISTIC, 1/128 with zero point 0 for TANH).
/// </summary>
public readonly struct Int8FixedPointActivation : IUnaryFunction<sbyte, sbyte>
{
    private readonly FixedPointActivationInput _input;
    private readonly bool _tanh;

    public Int8FixedPointActivation(float inputScale, int inputZeroPoint, bool tanh)
    {
        _input = FixedPointActivationInput.Int8(inputScale, inputZeroPoint);
        _tanh = tanh;
    }

    public sbyte Apply(sbyte value)
    {
        int centered = value - _input.ZeroPoint;
        if (centered <= -_input.Radius)
        {
            return sbyte.MinValue;
        }

        if (centered >= _input.Radius)
        {
            return sbyte.MaxValue;
        }

        int rescaled = _input.Rescale(centered);
        int result = _tanh
            ? FixedPoint.RoundingDivideByPot(FixedPointMath.Tanh(rescaled, FixedPointActivationInput.InputIntegerBits), 24)
            : FixedPoint.RoundingDivideByPot(FixedPointMath.Logistic(rescaled, FixedPointActivationInput.InputIntegerBits), 23) + sbyte.MinValue;
        return (sbyte)Math.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
    }
}

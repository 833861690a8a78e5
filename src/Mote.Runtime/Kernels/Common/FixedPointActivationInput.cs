using Mote.Graph;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Kernels.Common;

/// <summary>
/// The input side of TFLM's integer LOGISTIC and TANH. Int8: (q − zero point) is rescaled to a Q4.27 value for
/// gemmlowp's fixed-point functions, and inputs beyond the radius saturate. Int16: symmetric with a power-of-two
/// scale, fed to the lookup-table functions.
/// </summary>
internal readonly record struct FixedPointActivationInput(int ZeroPoint, int Multiplier, int Shift, int Radius)
{
    public const int InputIntegerBits = 4;

    public static FixedPointActivationInput Int8(float scale, int zeroPoint)
    {
        var q = QuantizedMultiplier.From(scale * (double)(1 << (31 - InputIntegerBits)));

        // TFLite's CalculateInputRadius: the largest |q − zero point| whose rescaled value stays below 2^4.
        double radius = ((1 << InputIntegerBits) - 1) * (double)(1L << (31 - InputIntegerBits)) / (1L << q.Shift);
        return new(zeroPoint, q.Multiplier, q.Shift, (int)Math.Floor(radius));
    }

    /// <summary>
    /// Int16 input with zero point 0: a scale of 2^-12 (or 2^-11 when <paramref name="allowScaleTwoPow11"/>, as TFLM's
    /// TANH) keeps TFLM's power-of-two path; any other scale gets TFLM's multiplier onto 1/(3·4096) with a right shift.
    /// </summary>
    public static FixedPointActivationInput Int16(KernelContext context, Tensor input, Tensor output, bool allowScaleTwoPow11)
    {
        (float scale, int zeroPoint) = context.Quantization(input);
        (float outputScale, int outputZeroPoint) = context.Quantization(output);
        context.Require(zeroPoint == 0 && outputZeroPoint == 0, "int16 input and output must have zero point 0");
        context.Require(IsPowerOfTwo(outputScale, out int outputPower) && outputPower == -15, $"int16 output scale must be 2^-15, not {outputScale}");
        bool powerOfTwo = IsPowerOfTwo(scale, out int power);
        int leftShift = 12 + power;
        if (powerOfTwo && (leftShift == 0 || (allowScaleTwoPow11 && leftShift == 1)))
        {
            (int m, int s) = LookupActivations.InputScaling(0, leftShift);
            return new(0, m, s, 0);
        }

        double multiplier = scale * 4096.0 * 3.0;
        int shift = 0;
        while (multiplier <= 32767.0 / 2.0 && shift <= 30)
        {
            shift++;
            multiplier *= 2.0;
        }

        return new(0, (int)multiplier, shift, 0);
    }

    /// <summary>An int8 value as a Q4.27 input; only for |q − zero point| below <see cref="Radius"/> (beyond it the result saturates).</summary>
    public int Rescale(int centered) => FixedPoint.MultiplyByQuantizedMultiplier(centered, Multiplier, Shift);

    /// <summary>TFLite's CheckedLog2: the nearest power of two, and whether the scale is one within 1e-3 in log2.</summary>
    public static bool IsPowerOfTwo(float scale, out int power)
    {
        float log2 = MathF.Log(scale) * (1f / MathF.Log(2f));
        float rounded = MathF.Round(log2, MidpointRounding.AwayFromZero);
        power = (int)rounded;
        return MathF.Abs(log2 - rounded) < 1e-3f;
    }
}

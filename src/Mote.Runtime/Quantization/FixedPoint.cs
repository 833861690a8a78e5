namespace Mote.Runtime.Quantization;

/// <summary>
/// TFLite's integer requantization primitives (gemmlowp semantics, double rounding as in TFLM's default build):
/// a value is scaled by a Q31 multiplier and a power-of-two shift with round-half-away-from-zero at each step.
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// (a × b × 2) / 2^32 rounded to nearest; saturates the single overflowing case (MIN × MIN). TFLM adds a nudge of
    /// 2^30 (1 − 2^30 for negative products) and divides with truncation; that equals adding 2^30 and shifting
    /// arithmetically (ties toward +∞) for every product, without the branch.
    /// </summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b) =>
        a == int.MinValue && b == int.MinValue ? int.MaxValue : (int)((((long)a * b) + (1L << 30)) >> 31);

    /// <summary>x / 2^exponent rounded to nearest, ties away from zero.</summary>
    public static int RoundingDivideByPot(int x, int exponent)
    {
        int mask = (int)((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>x × multiplier × 2^shift for a Q31 multiplier; shift may be positive (left) or negative (right).</summary>
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPot(SaturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
    }

    /// <summary>
    /// The 64-bit accumulator variant (int16 activations): the multiplier is reduced to Q15 and the product is
    /// rounded once, as TFLM does for int16×int8 convolutions.
    /// </summary>
    public static int MultiplyByQuantizedMultiplier(long x, int multiplier, int shift)
    {
        int reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
        int totalShift = 15 - shift;
        long result = (x * reduced) + (1L << (totalShift - 1));
        return (int)(result >> totalShift);
    }

    /// <summary>The shift ≤ 0 variant: one doubling high multiply, then a rounding right shift.</summary>
    public static int MultiplyByQuantizedMultiplierSmallerThanOneExp(int x, int multiplier, int shift) =>
        RoundingDivideByPot(SaturatingRoundingDoublingHighMul(x, multiplier), -shift);

    /// <summary>The shift ≥ 0 variant: a left shift, then one doubling high multiply.</summary>
    public static int MultiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int leftShift) =>
        SaturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier);

    /// <summary>x × 2^exponent, saturating at the int32 range (gemmlowp's SaturatingRoundingMultiplyByPOT for exponent ≥ 0).</summary>
    public static int SaturatingShiftLeft(int x, int exponent)
    {
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold)
        {
            return int.MaxValue;
        }

        if (x < -threshold)
        {
            return int.MinValue;
        }

        return x << exponent;
    }

    /// <summary>gemmlowp's SaturatingRoundingMultiplyByPOT: a saturating left shift or a rounding right shift.</summary>
    public static int SaturatingRoundingMultiplyByPot(int x, int exponent) =>
        exponent >= 0 ? SaturatingShiftLeft(x, exponent) : RoundingDivideByPot(x, -exponent);
}

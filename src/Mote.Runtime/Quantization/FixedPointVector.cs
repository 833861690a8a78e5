using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mote.Runtime.Quantization;

/// <summary>
/// Eight lanes of <see cref="FixedPoint.MultiplyByQuantizedMultiplier(int, int, int)"/> at once with AVX2, bit-exact with
/// the scalar version for the non-negative multipliers <see cref="QuantizedMultiplier"/> produces. Callers check
/// <see cref="IsSupported"/> and fall back to the scalar version.
/// </summary>
internal static class FixedPointVector
{
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>x × multiplier × 2^(leftShift − rightShift), each lane with its own multiplier and shifts (both ≥ 0).</summary>
    public static Vector256<int> MultiplyByQuantizedMultiplier(Vector256<int> x, Vector256<int> multiplier, Vector256<uint> leftShift, Vector256<uint> rightShift) =>
        RoundingDivideByPot(SaturatingRoundingDoublingHighMul(Avx2.ShiftLeftLogicalVariable(x, leftShift), multiplier), rightShift);

    /// <summary>
    /// (a·b + 2^30) >> 31 in 64 bits: TFLM's nudge-then-truncate rounds exactly like this (ties toward +∞), and the one
    /// product it saturates, int.MinValue², cannot occur with a non-negative multiplier. pmuldq multiplies the even
    /// lanes; the odd lanes are shifted down first and their result lands in the high half, so a blend joins them.
    /// </summary>
    public static Vector256<int> SaturatingRoundingDoublingHighMul(Vector256<int> a, Vector256<int> b)
    {
        var half = Vector256.Create(1L << 30);
        var even = Avx2.Add(Avx2.Multiply(a, b), half);
        var oddA = Avx2.ShiftRightLogical(a.AsInt64(), 32).AsInt32();
        var oddB = Avx2.ShiftRightLogical(b.AsInt64(), 32).AsInt32();
        var odd = Avx2.Add(Avx2.Multiply(oddA, oddB), half);
        return Avx2.Blend(Avx2.ShiftRightLogical(even, 31).AsInt32(), Avx2.ShiftLeftLogical(odd, 1).AsInt32(), 0b1010_1010);
    }

    /// <summary>x / 2^exponent rounded to nearest, ties away from zero, with a shift per lane in [0, 31].</summary>
    public static Vector256<int> RoundingDivideByPot(Vector256<int> x, Vector256<uint> exponent)
    {
        var one = Vector256<int>.One;
        var mask = Avx2.Subtract(Avx2.ShiftLeftLogicalVariable(one, exponent), one);
        var remainder = Avx2.And(x, mask);

        // The threshold is half the mask, plus one for negative x (the comparison gives −1 there).
        var threshold = Avx2.Subtract(Avx2.ShiftRightArithmetic(mask, 1), Avx2.CompareGreaterThan(Vector256<int>.Zero, x));
        return Avx2.Subtract(Avx2.ShiftRightArithmeticVariable(x, exponent), Avx2.CompareGreaterThan(remainder, threshold));
    }
}

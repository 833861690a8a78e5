namespace Mote.Runtime.Quantization;

/// <summary>
/// gemmlowp's fixed-point transcendental functions on raw int32 values, as TFLite's quantized softmax, logistic and tanh use them.
/// A "Qn" value has n integer bits and 31 − n fractional bits.
/// </summary>
internal static class FixedPointMath
{
    private const int One0 = int.MaxValue;
    private const int OneQ2 = 1 << 29;

    /// <summary>exp(a) for a ≤ 0 given in Q<paramref name="integerBits"/>, result in Q0.</summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = ExpOnIntervalBetweenNegativeOneQuarterAndZero(
            FixedPoint.SaturatingRoundingMultiplyByPot(aModQuarterMinusOneQuarter, integerBits));
        int remainder = aModQuarterMinusOneQuarter - a;

        // Barrel shifter: multiply by exp(-2^k) for each bit k set in the remainder.
        ReadOnlySpan<int> multipliers = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242];
        for (int i = 0; i < multipliers.Length; i++)
        {
            int exponent = i - 2;
            if (integerBits > exponent && (remainder & (1 << (fractionalBits + exponent))) != 0)
            {
                result = FixedPoint.SaturatingRoundingDoublingHighMul(result, multipliers[i]);
            }
        }

        if (integerBits > 5 && a < -(1 << (36 - integerBits)))
        {
            result = 0;
        }

        return a == 0 ? One0 : result;
    }

    /// <summary>1 / (1 + x) for x in [0, 1) in Q0, by three Newton-Raphson steps in Q2; result in Q0.</summary>
    public static int OneOverOnePlusX(int a)
    {
        // x is 1/(1+a)·2 in Q2, i.e. 1/(1+a) in Q1; rescale to Q0.
        return FixedPoint.SaturatingShiftLeft(TwoOverOnePlusX(a), 1);
    }

    /// <summary>(1 − x) / (1 + x) for x in [0, 1) in Q0 (gemmlowp's one_minus_x_over_one_plus_x_for_x_in_0_1).</summary>
    public static int OneMinusXOverOnePlusX(int a) =>
        FixedPoint.SaturatingShiftLeft(TwoOverOnePlusX(a) - OneQ2, 2);

    /// <summary>gemmlowp's logistic of a Q<paramref name="integerBits"/> value, result in Q0.</summary>
    public static int Logistic(int a, int integerBits)
    {
        if (a == 0)
        {
            return 1 << 30;
        }

        int positive = OneOverOnePlusX(ExpOnNegativeValues(a > 0 ? -a : a, integerBits));
        return a > 0 ? positive : One0 - positive;
    }

    /// <summary>gemmlowp's tanh of a Q<paramref name="integerBits"/> value, result in Q0.</summary>
    public static int Tanh(int a, int integerBits)
    {
        if (a == 0)
        {
            return 0;
        }

        // exp(2·(−|a|)): the raw value read with one more integer bit is twice the value (gemmlowp's ExactMulByPot<1>).
        int magnitude = OneMinusXOverOnePlusX(ExpOnNegativeValues(a < 0 ? a : -a, integerBits + 1));
        return a < 0 ? -magnitude : magnitude;
    }

    /// <summary>TFLite's GetReciprocal: 1/x for x in Q<paramref name="integerBits"/>, as a Q0 value and a count of bits above one.</summary>
    public static int Reciprocal(int x, int integerBits, out int bitsOverUnit)
    {
        int headroomPlusOne = System.Numerics.BitOperations.LeadingZeroCount((uint)x);
        bitsOverUnit = integerBits - headroomPlusOne;
        int shiftedSumMinusOne = (int)(((uint)x << headroomPlusOne) - (1u << 31));
        return OneOverOnePlusX(shiftedSumMinusOne);
    }

    /// <summary>2 / (1 + a) in Q2 for a in [0, 1) in Q0: three Newton-Raphson steps on the half denominator.</summary>
    private static int TwoOverOnePlusX(int a)
    {
        int halfDenominator = RoundingHalfSum(a, One0);
        const int constant48Over17 = 1515870810;
        const int constantNeg32Over17 = -1010580540;
        int x = constant48Over17 + FixedPoint.SaturatingRoundingDoublingHighMul(halfDenominator, constantNeg32Over17);
        for (int i = 0; i < 3; i++)
        {
            int halfDenominatorTimesX = FixedPoint.SaturatingRoundingDoublingHighMul(halfDenominator, x);
            int oneMinus = OneQ2 - halfDenominatorTimesX;
            x += FixedPoint.SaturatingShiftLeft(FixedPoint.SaturatingRoundingDoublingHighMul(x, oneMinus), 2);
        }

        return x;
    }

    private static int ExpOnIntervalBetweenNegativeOneQuarterAndZero(int a)
    {
        const int constantTerm = 1895147668;
        const int constantOneThird = 715827883;
        int x = a + (1 << 28);
        int x2 = FixedPoint.SaturatingRoundingDoublingHighMul(x, x);
        int x3 = FixedPoint.SaturatingRoundingDoublingHighMul(x2, x);
        int x4 = FixedPoint.SaturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = FixedPoint.RoundingDivideByPot(x4, 2);
        int polynomial = FixedPoint.RoundingDivideByPot(
            FixedPoint.SaturatingRoundingDoublingHighMul(x4Over4 + x3, constantOneThird) + x2, 1);
        return constantTerm + FixedPoint.SaturatingRoundingDoublingHighMul(constantTerm, x + polynomial);
    }

    private static int RoundingHalfSum(int a, int b)
    {
        long sum = (long)a + b;
        long sign = sum >= 0 ? 1 : -1;
        return (int)((sum + sign) / 2);
    }
}

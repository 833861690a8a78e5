using Mote.Graph;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Tests;

/// <summary>The integer requantization helpers against values worked out by hand from their definitions.</summary>
public sealed class FixedPointTests
{
    [Theory]
    [InlineData(1 << 30, 1 << 30, 1 << 29)] // 0.5 × 0.5 = 0.25 in Q31
    [InlineData(int.MinValue, int.MinValue, int.MaxValue)] // the one overflowing product saturates
    [InlineData(3, 1 << 30, 2)] // 1.5 rounds away from zero
    [InlineData(-3, 1 << 30, -1)] // a negative tie goes toward +∞: the nudge is 1 − 2^30, then C division truncates
    [InlineData(-1, 1 << 30, 0)]
    public void SaturatingRoundingDoublingHighMul_rounds_to_nearest(int a, int b, int expected) =>
        Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(a, b));

    [Theory]
    [InlineData(5, 1, 3)] // 2.5 → 3
    [InlineData(-5, 1, -3)] // −2.5 → −3
    [InlineData(4, 1, 2)]
    [InlineData(7, 2, 2)] // 1.75 → 2
    [InlineData(6, 2, 2)] // 1.5 → 2
    [InlineData(-6, 2, -2)] // −1.5 → −2
    [InlineData(-5, 2, -1)] // −1.25 → −1
    [InlineData(123, 0, 123)]
    public void RoundingDivideByPot_rounds_half_away_from_zero(int x, int exponent, int expected) =>
        Assert.Equal(expected, FixedPoint.RoundingDivideByPot(x, exponent));

    [Theory]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.75, 1610612736, 0)]
    [InlineData(0.125, 1 << 30, -2)]
    [InlineData(3.0, 1610612736, 2)]
    [InlineData(0.0, 0, 0)]
    [InlineData(1e-12, 0, 0)] // below 2^-31: flushed to zero
    public void QuantizedMultiplier_is_a_frexp_decomposition(double real, int multiplier, int shift) =>
        Assert.Equal(new QuantizedMultiplier(multiplier, shift), QuantizedMultiplier.From(real));

    [Fact]
    public void QuantizedMultiplier_carries_a_significand_that_rounds_up_to_one()
    {
        // 1 − 2^-40 rounds to 2^31 in Q31, which is renormalized to 2^30 with the exponent raised by one.
        Assert.Equal(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.From(1 - Math.Pow(2, -40)));
    }

    [Theory]
    [InlineData(100, 1 << 30, 0, 50)] // × 0.5
    [InlineData(100, 1 << 30, -1, 25)] // × 0.25
    [InlineData(3, 1 << 30, -1, 1)] // 0.75: the high multiply rounds 1.5 → 2, then 2/2 = 1
    [InlineData(5, 1 << 30, -1, 2)] // 1.25 comes out as 2: the high multiply rounds 2.5 → 3, then 1.5 → 2
    [InlineData(10, 1 << 30, 2, 20)] // × 0.5 × 4
    [InlineData(-100, 1610612736, 0, -75)]
    public void MultiplyByQuantizedMultiplier_rounds_twice(int x, int multiplier, int shift, int expected) =>
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));

    [Theory]
    [InlineData(1000L, 1 << 30, 0, 500)] // Q15 multiplier 2^14: (1000·2^14 + 2^14) >> 15 = 500
    [InlineData(1001L, 1 << 30, 0, 501)] // 500.5 → 501 (single rounding, half up)
    [InlineData(-1001L, 1 << 30, 0, -500)] // −500.5 → −500 (arithmetic shift rounds half up)
    [InlineData(1L << 40, 1 << 30, -10, 1 << 29)]
    public void MultiplyByQuantizedMultiplier_64_bit_rounds_once_with_a_Q15_multiplier(long x, int multiplier, int shift, int expected) =>
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));

    [Fact]
    public void ActivationRange_quantizes_the_bounds_with_the_output_parameters()
    {
        Assert.Equal((-10, 110), ActivationRange.Quantized(Activation.Relu6, DataType.Int8, 0.05f, -10));
        Assert.Equal((-10, 127), ActivationRange.Quantized(Activation.Relu, DataType.Int8, 0.05f, -10));
        Assert.Equal((-30, 10), ActivationRange.Quantized(Activation.ReluN1To1, DataType.Int8, 0.05f, -10));
        Assert.Equal((-128, -122), ActivationRange.Quantized(Activation.Relu6, DataType.Int8, 1f, -128));
        Assert.Equal((-32768, 32767), ActivationRange.Quantized(Activation.None, DataType.Int16, 1f, 0));
    }

    [Fact]
    public void Exp_on_negative_values_matches_exp_within_a_few_ulps_of_Q31()
    {
        Assert.Equal(int.MaxValue, FixedPointMath.ExpOnNegativeValues(0, 5));
        foreach (double x in new[] { -0.1, -0.25, -1.0, -2.5, -7.0 })
        {
            int a = (int)Math.Round(x * (1 << 26)); // Q5
            double actual = FixedPointMath.ExpOnNegativeValues(a, 5) / 2147483648.0;
            Assert.InRange(actual, Math.Exp(x) - 1e-6, Math.Exp(x) + 1e-6);
        }
    }

    [Fact]
    public void One_over_one_plus_x_converges()
    {
        foreach (double x in new[] { 0.0, 0.25, 0.5, 0.999 })
        {
            double actual = FixedPointMath.OneOverOnePlusX((int)Math.Min(x * 2147483648.0, int.MaxValue)) / 2147483648.0;
            Assert.InRange(actual, (1 / (1 + x)) - 1e-7, (1 / (1 + x)) + 1e-7);
        }
    }
}

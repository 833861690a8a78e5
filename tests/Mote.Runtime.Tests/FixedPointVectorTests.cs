using System.Runtime.Intrinsics;
using Mote.Runtime.Quantization;

namespace Mote.Runtime.Tests;

/// <summary>The eight-lane requantization against the scalar reference, including the int32 extremes and every shift.</summary>
public sealed class FixedPointVectorTests
{
    private static readonly int[] s_edges = [int.MinValue, int.MinValue + 1, -65536, -3, -1, 0, 1, 3, 65535, int.MaxValue - 1, int.MaxValue];

    [Avx2Fact]
    public void Lanes_equal_the_scalar_multiply_by_quantized_multiplier()
    {
        var random = new Random(20261202);
        var x = new int[8];
        var multipliers = new int[8];
        var left = new uint[8];
        var right = new uint[8];
        var shifts = new int[8];
        for (int trial = 0; trial < 20000; trial++)
        {
            for (int lane = 0; lane < 8; lane++)
            {
                // Real multipliers from 2^-40 (flushed to zero) to 2^8 cover every shift the decomposition produces.
                var q = QuantizedMultiplier.From(Math.Pow(2, (random.NextDouble() * 48) - 40));
                multipliers[lane] = q.Multiplier;
                shifts[lane] = q.Shift;
                left[lane] = (uint)Math.Max(q.Shift, 0);
                right[lane] = (uint)Math.Max(-q.Shift, 0);
                x[lane] = trial % 4 == 0 ? s_edges[random.Next(s_edges.Length)] : random.Next(int.MinValue, int.MaxValue);
            }

            var actual = FixedPointVector.MultiplyByQuantizedMultiplier(
                Vector256.Create<int>(x), Vector256.Create<int>(multipliers), Vector256.Create<uint>(left), Vector256.Create<uint>(right));
            for (int lane = 0; lane < 8; lane++)
            {
                int expected = FixedPoint.MultiplyByQuantizedMultiplier(x[lane], multipliers[lane], shifts[lane]);
                Assert.True(expected == actual[lane], $"x={x[lane]} multiplier={multipliers[lane]} shift={shifts[lane]}: expected {expected}, got {actual[lane]}");
            }
        }
    }

    [Avx2Fact]
    public void High_multiply_rounds_ties_like_the_scalar_version()
    {
        int[] a = [3, -3, -1, 1 << 30, int.MinValue, int.MaxValue, -5, 7];
        int[] b = [1 << 30, 1 << 30, 1 << 30, 1 << 30, int.MaxValue, int.MaxValue, 1 << 30, 0];
        var actual = FixedPointVector.SaturatingRoundingDoublingHighMul(Vector256.Create<int>(a), Vector256.Create<int>(b));
        for (int lane = 0; lane < 8; lane++)
        {
            Assert.Equal(FixedPoint.SaturatingRoundingDoublingHighMul(a[lane], b[lane]), actual[lane]);
        }
    }

    /// <summary>Skipped, visibly, on processors without AVX2, where the kernels use the scalar path only.</summary>
    private sealed class Avx2FactAttribute : FactAttribute
    {
        public Avx2FactAttribute()
        {
            if (!FixedPointVector.IsSupported)
            {
                Skip = "AVX2 is not available on this processor";
            }
        }
    }
}

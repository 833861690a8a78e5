using Mote.Data;
using Mote.Train.Kernels;

namespace Mote.Train.Tests;

public sealed class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(5, 7, 13, false)]
    [InlineData(5, 7, 13, true)]
    [InlineData(301, 66, 530, false)]
    [InlineData(301, 66, 530, true)]
    [InlineData(64, 288, 1100, true)]
    [InlineData(1100, 25, 9, false)]
    public void Multiply_matches_the_naive_product(int m, int n, int k, bool transposeA)
    {
        var random = new SeededRandom(1);
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var c = Enumerable.Repeat(1f, m * n).ToArray();
        Gemm.Multiply(a, transposeA, b, c, m, n, k, accumulate: true);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var expected = 1.0;
                for (var p = 0; p < k; p++)
                {
                    expected += (double)(transposeA ? a[p * m + i] : a[i * k + p]) * b[p * n + j];
                }

                Assert.True(Math.Abs(c[i * n + j] - expected) < 1e-4, $"c[{i},{j}] = {c[i * n + j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        var source = Enumerable.Range(0, 35 * 70).Select(i => (float)i).ToArray();
        var target = new float[source.Length];
        Gemm.Transpose(source, target, 35, 70);
        Assert.Equal(source[3 * 70 + 50], target[50 * 35 + 3]);
        Assert.Equal(source.Order(), target.Order());
    }
}

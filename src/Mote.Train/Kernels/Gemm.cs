using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mote.Train.Kernels;

/// <summary>
/// The one matrix product the trainer needs: C[m, n] += Σ_k A[m, k] · B[n, k] (B transposed, row-major, rows contiguous
/// so every output is a dot product of two contiguous rows). The other products are this one after a
/// <see cref="Transpose"/>. Work is split over rows of A; each output element is summed in an order fixed by the shapes
/// alone (never by the thread count), so results are bit-identical run to run.
/// </summary>
internal static class Gemm
{
    // Dot-product length per pass: a [n × KBlock] slice of B stays in L2 while the rows of A stream past it.
    private const int KBlock = 512;
    private const long ParallelThreshold = 1 << 18;

    /// <summary>C[m × n] (+)= A[m × k] · B[n × k]ᵀ.</summary>
    public static void MultiplyTransposed(float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate)
    {
        if (!accumulate)
        {
            c.AsSpan(0, m * n).Clear();
        }

        if ((long)m * n * k < ParallelThreshold || m < 4)
        {
            RowBlock(a, b, c, 0, m, n, k);
            return;
        }

        // Even block sizes keep the row pairing of the 2×4 kernel independent of the block count.
        var blocks = Math.Min(m / 2, Environment.ProcessorCount * 4);
        var rowsPerBlock = ((m + blocks - 1) / blocks + 1) & ~1;
        blocks = (m + rowsPerBlock - 1) / rowsPerBlock;
        Parallel.For(0, blocks, block => RowBlock(a, b, c, block * rowsPerBlock, Math.Min(m, (block + 1) * rowsPerBlock), n, k));
    }

    /// <summary>dst[cols × rows] = src[rows × cols]ᵀ, in cache-sized tiles.</summary>
    public static void Transpose(float[] src, float[] dst, int rows, int cols)
    {
        const int Tile = 32;
        var tileRows = (rows + Tile - 1) / Tile;
        void TileRow(int t)
        {
            var r1 = Math.Min(rows, (t + 1) * Tile);
            for (var c0 = 0; c0 < cols; c0 += Tile)
            {
                var c1 = Math.Min(cols, c0 + Tile);
                for (var r = t * Tile; r < r1; r++)
                {
                    for (var c = c0; c < c1; c++)
                    {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }

        if ((long)rows * cols < ParallelThreshold)
        {
            for (var t = 0; t < tileRows; t++)
            {
                TileRow(t);
            }
        }
        else
        {
            Parallel.For(0, tileRows, TileRow);
        }
    }

    private static void RowBlock(float[] a, float[] b, float[] c, int m0, int m1, int n, int k)
    {
        for (var k0 = 0; k0 < k; k0 += KBlock)
        {
            var length = Math.Min(KBlock, k - k0);
            var i = m0;
            for (; i + 1 < m1; i += 2)
            {
                var j = 0;
                for (; j + 3 < n; j += 4)
                {
                    Kernel2x4(a, b, c, i, j, n, k, k0, length);
                }

                for (; j < n; j++)
                {
                    c[i * n + j] += Dot(a, i, b, j, k, k0, length);
                    c[(i + 1) * n + j] += Dot(a, i + 1, b, j, k, k0, length);
                }
            }

            for (; i < m1; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    c[i * n + j] += Dot(a, i, b, j, k, k0, length);
                }
            }
        }
    }

    private static float Dot(float[] a, int i, float[] b, int j, int k, int k0, int length) =>
        TensorPrimitives.Dot(a.AsSpan(i * k + k0, length), b.AsSpan(j * k + k0, length));

    /// <summary>Two rows of A against four rows of B: eight accumulators, six loads per eight multiply-adds.</summary>
    private static void Kernel2x4(float[] a, float[] b, float[] c, int i, int j, int n, int k, int k0, int length)
    {
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(a);
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(b);
        var ra0 = (nuint)(i * k + k0);
        var ra1 = ra0 + (nuint)k;
        var rb0 = (nuint)(j * k + k0);
        var rb1 = rb0 + (nuint)k;
        var rb2 = rb1 + (nuint)k;
        var rb3 = rb2 + (nuint)k;
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        var p = 0;
        for (; p + Vector256<float>.Count <= length; p += Vector256<float>.Count)
        {
            var x0 = Vector256.LoadUnsafe(ref a0, ra0 + (nuint)p);
            var x1 = Vector256.LoadUnsafe(ref a0, ra1 + (nuint)p);
            var y = Vector256.LoadUnsafe(ref b0, rb0 + (nuint)p);
            s00 = Vector256.MultiplyAddEstimate(x0, y, s00);
            s10 = Vector256.MultiplyAddEstimate(x1, y, s10);
            y = Vector256.LoadUnsafe(ref b0, rb1 + (nuint)p);
            s01 = Vector256.MultiplyAddEstimate(x0, y, s01);
            s11 = Vector256.MultiplyAddEstimate(x1, y, s11);
            y = Vector256.LoadUnsafe(ref b0, rb2 + (nuint)p);
            s02 = Vector256.MultiplyAddEstimate(x0, y, s02);
            s12 = Vector256.MultiplyAddEstimate(x1, y, s12);
            y = Vector256.LoadUnsafe(ref b0, rb3 + (nuint)p);
            s03 = Vector256.MultiplyAddEstimate(x0, y, s03);
            s13 = Vector256.MultiplyAddEstimate(x1, y, s13);
        }

        float t00 = Vector256.Sum(s00), t01 = Vector256.Sum(s01), t02 = Vector256.Sum(s02), t03 = Vector256.Sum(s03);
        float t10 = Vector256.Sum(s10), t11 = Vector256.Sum(s11), t12 = Vector256.Sum(s12), t13 = Vector256.Sum(s13);
        for (; p < length; p++)
        {
            var x0 = a[(int)ra0 + p];
            var x1 = a[(int)ra1 + p];
            t00 += x0 * b[(int)rb0 + p];
            t01 += x0 * b[(int)rb1 + p];
            t02 += x0 * b[(int)rb2 + p];
            t03 += x0 * b[(int)rb3 + p];
            t10 += x1 * b[(int)rb0 + p];
            t11 += x1 * b[(int)rb1 + p];
            t12 += x1 * b[(int)rb2 + p];
            t13 += x1 * b[(int)rb3 + p];
        }

        var c0 = i * n + j;
        var c1 = c0 + n;
        c[c0] += t00;
        c[c0 + 1] += t01;
        c[c0 + 2] += t02;
        c[c0 + 3] += t03;
        c[c1] += t10;
        c[c1 + 1] += t11;
        c[c1 + 2] += t12;
        c[c1 + 3] += t13;
    }
}

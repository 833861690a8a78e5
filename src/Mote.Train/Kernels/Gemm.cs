using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Mote.Train.Kernels;

/// <summary>
/// The one matrix product the trainer needs: C[m × n] (+)= op(A)[m × k] · B[k × n], where B is row-major and A is
/// either row-major [m × k] or stored transposed as [k × m]. With the transposed form, a layer's three products
/// (y = x·Wᵀ, dx = dy·W, dW = dyᵀ·x) need no copies of the big activation matrices.
/// <para>
/// A 4×16 register tile of C accumulates over a 256-long slice of k while that slice of B stays in cache. Work is
/// split over 4-row bands of C; each element is summed in an order fixed by the shapes alone (never by the thread
/// count), so results are bit-identical from run to run.
/// </para>
/// </summary>
internal static class Gemm
{
    private const int KBlock = 256;
    private const long ParallelThreshold = 1 << 18;

    public static void Multiply(float[] a, bool transposeA, float[] b, float[] c, int m, int n, int k, bool accumulate)
    {
        if (!accumulate)
        {
            c.AsSpan(0, m * n).Clear();
        }

        // Element (i, p) of op(A) is at a[i·rowStride + p·colStride].
        var (rowStride, colStride) = transposeA ? (1, m) : (k, 1);
        var bands = (m + 3) / 4;
        if ((long)m * n * k < ParallelThreshold || bands < 2)
        {
            Band(a, rowStride, colStride, b, c, 0, m, n, k);
            return;
        }

        var chunks = Math.Min(bands, Environment.ProcessorCount * 4);
        var bandsPerChunk = (bands + chunks - 1) / chunks;
        chunks = (bands + bandsPerChunk - 1) / bandsPerChunk;
        Parallel.For(0, chunks, chunk =>
            Band(a, rowStride, colStride, b, c, chunk * bandsPerChunk * 4, Math.Min(m, (chunk + 1) * bandsPerChunk * 4), n, k));
    }

    /// <summary>dst[cols × rows] = src[rows × cols]ᵀ.</summary>
    public static void Transpose(float[] src, float[] dst, int rows, int cols)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
    }

    /// <summary>Rows [i0, i1) of C: 4×16 tiles, then 4×8, then plain loops for the ragged edges.</summary>
    private static void Band(float[] a, int rowStride, int colStride, float[] b, float[] c, int i0, int i1, int n, int k)
    {
        for (var p0 = 0; p0 < k; p0 += KBlock)
        {
            var p1 = Math.Min(k, p0 + KBlock);
            var i = i0;
            for (; i + 4 <= i1; i += 4)
            {
                var j = 0;
                for (; j + 16 <= n; j += 16)
                {
                    Tile4x16(a, rowStride, colStride, b, c, n, i, j, p0, p1);
                }

                for (; j + 8 <= n; j += 8)
                {
                    Tile4x8(a, rowStride, colStride, b, c, n, i, j, p0, p1);
                }

                Scalar(a, rowStride, colStride, b, c, n, i, i + 4, j, p0, p1);
            }

            Scalar(a, rowStride, colStride, b, c, n, i, i1, 0, p0, p1);
        }
    }

    private static void Tile4x16(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int i, int j, int p0, int p1)
    {
        ref var ar = ref MemoryMarshal.GetArrayDataReference(a);
        ref var br = ref MemoryMarshal.GetArrayDataReference(b);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (var p = p0; p < p1; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref br, (nuint)(p * n + j));
            var b1 = Vector256.LoadUnsafe(ref br, (nuint)(p * n + j + 8));
            var at = i * rowStride + p * colStride;
            var x = Vector256.Create(Unsafe.Add(ref ar, at));
            c00 = Vector256.MultiplyAddEstimate(x, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref ar, at + rowStride));
            c10 = Vector256.MultiplyAddEstimate(x, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref ar, at + 2 * rowStride));
            c20 = Vector256.MultiplyAddEstimate(x, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref ar, at + 3 * rowStride));
            c30 = Vector256.MultiplyAddEstimate(x, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(x, b1, c31);
        }

        AddTo(c, i * n + j, c00);
        AddTo(c, i * n + j + 8, c01);
        AddTo(c, (i + 1) * n + j, c10);
        AddTo(c, (i + 1) * n + j + 8, c11);
        AddTo(c, (i + 2) * n + j, c20);
        AddTo(c, (i + 2) * n + j + 8, c21);
        AddTo(c, (i + 3) * n + j, c30);
        AddTo(c, (i + 3) * n + j + 8, c31);
    }

    private static void Tile4x8(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int i, int j, int p0, int p1)
    {
        ref var ar = ref MemoryMarshal.GetArrayDataReference(a);
        ref var br = ref MemoryMarshal.GetArrayDataReference(b);
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (var p = p0; p < p1; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref br, (nuint)(p * n + j));
            var at = i * rowStride + p * colStride;
            c0 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref ar, at)), b0, c0);
            c1 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref ar, at + rowStride)), b0, c1);
            c2 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref ar, at + 2 * rowStride)), b0, c2);
            c3 = Vector256.MultiplyAddEstimate(Vector256.Create(Unsafe.Add(ref ar, at + 3 * rowStride)), b0, c3);
        }

        AddTo(c, i * n + j, c0);
        AddTo(c, (i + 1) * n + j, c1);
        AddTo(c, (i + 2) * n + j, c2);
        AddTo(c, (i + 3) * n + j, c3);
    }

    private static void Scalar(float[] a, int rowStride, int colStride, float[] b, float[] c, int n, int i0, int i1, int j0, int p0, int p1)
    {
        for (var i = i0; i < i1; i++)
        {
            for (var j = j0; j < n; j++)
            {
                var sum = 0f;
                for (var p = p0; p < p1; p++)
                {
                    sum += a[i * rowStride + p * colStride] * b[p * n + j];
                }

                c[i * n + j] += sum;
            }
        }
    }

    private static void AddTo(float[] c, int offset, Vector256<float> value)
    {
        var target = c.AsSpan(offset, Vector256<float>.Count);
        (Vector256.Create<float>(target) + value).CopyTo(target);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mote.Runtime.Kernels.Common;

/// <summary>Exact integer dot products for the hot loops of FULLY_CONNECTED, the int16 CONV_2D and the LSTM gates.</summary>
internal static class DotProduct
{
    /// <summary>
    /// Σ a[i]·b[i] over int16 operands whose pairwise products and pair sums fit in int32 (int8 weights × int16
    /// activations); uses pmaddwd where available. Exact as long as the total fits in int32.
    /// </summary>
    public static int Int16(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        int length = a.Length;
        ref short pa = ref MemoryMarshal.GetReference(a);
        ref short pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        int sum = 0;
        if (Avx2.IsSupported && length >= 16)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var va = Vector256.LoadUnsafe(ref pa, (nuint)i);
                var vb = Vector256.LoadUnsafe(ref pb, (nuint)i);
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(va, vb));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Sse2.IsSupported && length >= 8)
        {
            var acc = Vector128<int>.Zero;
            for (; i <= length - 8; i += 8)
            {
                var va = Vector128.LoadUnsafe(ref pa, (nuint)i);
                var vb = Vector128.LoadUnsafe(ref pb, (nuint)i);
                acc = Sse2.Add(acc, Sse2.MultiplyAddAdjacent(va, vb));
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return sum;
    }

    /// <summary>
    /// Σ a[i]·b[i] over int8 operands, widened to int16 in registers and summed with pmaddwd; wraps like int32
    /// arithmetic, so offsets folded into a bias give the same result as TFLite's per-element (x + offset) sums.
    /// </summary>
    public static int Int8(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        int length = a.Length;
        ref sbyte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        int sum = 0;
        if (Avx2.IsSupported && length >= 16)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= length - 16; i += 16)
            {
                var va = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pa, (nuint)i));
                var vb = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pb, (nuint)i));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(va, vb));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Sse41.IsSupported && length >= 8)
        {
            var acc = Vector128<int>.Zero;
            for (; i <= length - 8; i += 8)
            {
                var va = Sse41.ConvertToVector128Int16(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref pa, i)))).AsSByte());
                var vb = Sse41.ConvertToVector128Int16(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref pb, i)))).AsSByte());
                acc = Sse2.Add(acc, Sse2.MultiplyAddAdjacent(va, vb));
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return sum;
    }

    /// <summary>Σ a[i] over int8 values (row sums of weights, for folding an input offset into the bias).</summary>
    public static int Sum(ReadOnlySpan<sbyte> a)
    {
        int sum = 0;
        foreach (sbyte value in a)
        {
            sum += value;
        }

        return sum;
    }
}

using System.Numerics;

namespace Mote.Runtime.Kernels.Common;

/// <summary>Element-wise int32 vector loops shared by kernels.</summary>
internal static class IntegerVectors
{
    /// <summary>acc[i] += a[i] × b[i] (exact in int32 for int8-range operands).</summary>
    public static void MultiplyAdd(Span<int> acc, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= acc.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var sum = new Vector<int>(acc[i..]) + (new Vector<int>(a[i..]) * new Vector<int>(b[i..]));
                sum.CopyTo(acc[i..]);
            }
        }

        for (; i < acc.Length; i++)
        {
            acc[i] += a[i] * b[i];
        }
    }
}

namespace Mote.Dsp.Signal;

/// <summary>
/// The integer helpers TFLM's signal library shares between stages (signal/src/msb*, square_root*, log.cc),
/// reproduced bit for bit: the same truncations, the same rounding and the same shortcuts.
/// </summary>
internal static class FixedPointMath
{
    // Piecewise-linear correction from log2(1 + f) - f, in 1/65536 units, over 128 segments (plus one pad entry).
    private static ReadOnlySpan<ushort> LogLut =>
    [
        0, 224, 442, 654, 861, 1063, 1259, 1450, 1636, 1817, 1992, 2163,
        2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848,
        3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934,
        5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
        5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
        5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370,
        5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
        4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
        3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659,
        2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
        1094, 963, 830, 695, 559, 421, 282, 142, 0, 0,
    ];

    private const int LogScaleBits = 16;
    private const int LogSegmentBits = 7;
    private const uint LogCoefficient = 45426; // ln(2) in 1/65536 units

    /// <summary>Number of bits needed to hold <paramref name="x"/>; 32 for zero, as TFLM's GCC build returns.</summary>
    public static int MostSignificantBit32(uint x) => x == 0 ? 32 : 32 - System.Numerics.BitOperations.LeadingZeroCount(x);

    public static int MostSignificantBit64(ulong x) => x == 0 ? 64 : 64 - System.Numerics.BitOperations.LeadingZeroCount(x);

    /// <summary>Bit-by-bit integer square root, rounded to nearest, saturating at 0xFFFF.</summary>
    public static ushort Sqrt32(uint num)
    {
        if (num == 0)
        {
            return 0;
        }

        uint result = 0;
        int maxBitNumber = (32 - MostSignificantBit32(num)) | 1;
        uint bit = 1u << (31 - maxBitNumber);
        int iterations = ((31 - maxBitNumber) / 2) + 1;
        while (iterations-- > 0)
        {
            if (num >= result + bit)
            {
                num -= result + bit;
                result = (result >> 1) + bit;
            }
            else
            {
                result >>= 1;
            }

            bit >>= 2;
        }

        if (num > result && result != 0xFFFF)
        {
            result++;
        }

        return (ushort)result;
    }

    /// <summary>64-bit square root; values below 2^32 take the 32-bit path (and its saturation), as TFLM does.</summary>
    public static uint Sqrt64(ulong num)
    {
        if (num >> 32 == 0)
        {
            return Sqrt32((uint)num);
        }

        ulong result = 0;
        int maxBitNumber = (64 - MostSignificantBit64(num)) | 1;
        ulong bit = 1UL << (63 - maxBitNumber);
        int iterations = ((63 - maxBitNumber) / 2) + 1;
        while (iterations-- > 0)
        {
            if (num >= result + bit)
            {
                num -= result + bit;
                result = (result >> 1) + bit;
            }
            else
            {
                result >>= 1;
            }

            bit >>= 2;
        }

        if (num > result && result != 0xFFFFFFFF)
        {
            result++;
        }

        return (uint)result;
    }

    /// <summary>Natural logarithm of <paramref name="x"/> (x &gt; 1) scaled by <paramref name="outScale"/>.</summary>
    public static uint Log32(uint x, uint outScale)
    {
        uint integer = (uint)MostSignificantBit32(x) - 1;
        uint fraction = Log2FractionPart(x, integer);
        uint log2 = (integer << LogScaleBits) + fraction;
        const uint Round = 1u << (LogScaleBits - 1);
        uint loge = (uint)(((ulong)LogCoefficient * log2 + Round) >> LogScaleBits);
        return ((outScale * loge) + Round) >> LogScaleBits;
    }

    private static uint Log2FractionPart(uint x, uint log2x)
    {
        int frac = (int)(x - (uint)(1L << (int)log2x));
        if (log2x < LogScaleBits)
        {
            frac <<= LogScaleBits - (int)log2x;
        }
        else
        {
            frac >>= (int)log2x - LogScaleBits;
        }

        uint baseSegment = (uint)frac >> (LogScaleBits - LogSegmentBits);
        const uint SegmentUnit = (1u << LogScaleBits) >> LogSegmentBits;
        int c0 = LogLut[(int)baseSegment];
        int c1 = LogLut[(int)baseSegment + 1];
        int segmentBase = (int)(SegmentUnit * baseSegment);
        int relativePosition = ((c1 - c0) * (frac - segmentBase)) >> LogScaleBits;
        return (uint)(frac + c0 + relativePosition);
    }
}

namespace Mote.Runtime.Quantization;

/// <summary>A real multiplier as TFLite stores it: a Q31 significand in [2^30, 2^31) and a power-of-two exponent.</summary>
public readonly record struct QuantizedMultiplier(int Multiplier, int Shift)
{
    /// <summary>frexp-style decomposition with TFLite's rounding and flush-to-zero of tiny multipliers.</summary>
    public static QuantizedMultiplier From(double real)
    {
        if (real == 0)
        {
            return new(0, 0);
        }

        (double fraction, int shift) = FrExp(real);
        long fixedPoint = (long)Math.Round(fraction * (1L << 31), MidpointRounding.AwayFromZero);
        if (fixedPoint == 1L << 31)
        {
            fixedPoint /= 2;
            shift++;
        }

        if (shift < -31)
        {
            shift = 0;
            fixedPoint = 0;
        }

        return new((int)fixedPoint, shift);
    }

    /// <summary>Per-channel multipliers for convolution-like kernels: input scale × filter scale[c] / output scale, in double.</summary>
    public static (int[] Multipliers, int[] Shifts) PerChannel(float inputScale, ReadOnlySpan<float> filterScales, float outputScale, int channels)
    {
        var multipliers = new int[channels];
        var shifts = new int[channels];
        for (int c = 0; c < channels; c++)
        {
            double filterScale = filterScales.Length > 1 ? filterScales[c] : filterScales[0];
            var q = From((double)inputScale * filterScale / outputScale);
            multipliers[c] = q.Multiplier;
            shifts[c] = q.Shift;
        }

        return (multipliers, shifts);
    }

    /// <summary>
    /// TFLite's GetQuantizedConvolutionMultipler for per-tensor weights: the input and weight scales are multiplied in
    /// float, and only the division by the output scale is done in double (which can differ from an all-double
    /// product in the last bit).
    /// </summary>
    public static QuantizedMultiplier ForProduct(float inputScale, float weightScale, float outputScale) =>
        From((double)(inputScale * weightScale) / outputScale);

    /// <summary>
    /// TFLM's integer MEAN: input scale / output scale with the division by the element count folded into the
    /// significand, shifted up first by as many bits as the count needs so that the division loses little.
    /// </summary>
    public static QuantizedMultiplier ForMean(float inputScale, float outputScale, int count)
    {
        var q = From((double)inputScale / outputScale);
        int shift = Math.Min(Math.Min(63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)count), 32), 31 + q.Shift);
        return new((int)(((long)q.Multiplier << shift) / count), q.Shift - shift);
    }

    /// <summary>std::frexp: x = fraction × 2^exponent with |fraction| in [0.5, 1).</summary>
    private static (double Fraction, int Exponent) FrExp(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: normalize first.
            (double f, int e) = FrExp(x * (1L << 54));
            return (f, e - 54);
        }

        long fractionBits = (bits & ~(0x7FFL << 52)) | (1022L << 52);
        return (BitConverter.Int64BitsToDouble(fractionBits), exponent - 1022);
    }
}

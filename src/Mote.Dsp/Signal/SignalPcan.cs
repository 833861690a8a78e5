namespace Mote.Dsp.Signal;

/// <summary>Options of TFLM's <c>SignalPCAN</c> (FlexBuffer key <c>snr_shift</c>).</summary>
public sealed record SignalPcanOptions(int SnrShift);

/// <summary>
/// TFLM <c>SignalPCAN</c>: per-channel energy normalization. Each channel is multiplied by a gain looked up from
/// its noise estimate (a piecewise-quadratic table over octaves, <see cref="GainLut"/>), then compressed by a
/// "shrink" curve (x²/4 below 2, x − 1 above) into Q6.
/// </summary>
public static class SignalPcan
{
    private const int SnrBits = 12;
    private const int OutputBits = 6;
    private const int LutBits = 32;

    /// <summary>Number of entries of the gain table: three coefficients and a pad per octave, minus the unused head.</summary>
    public const int GainLutLength = (4 * LutBits) - 3;

    /// <param name="input">Channel values (the op's input 0).</param>
    /// <param name="noiseEstimate">Noise estimate from <see cref="SignalFilterBankSpectralSubtraction"/> (input 1).</param>
    /// <param name="gainLut">Gain table (input 2), as <see cref="GainLut"/> builds it.</param>
    public static void Apply(
        ReadOnlySpan<uint> input,
        ReadOnlySpan<uint> noiseEstimate,
        ReadOnlySpan<short> gainLut,
        SignalPcanOptions options,
        Span<uint> output)
    {
        if (noiseEstimate.Length != input.Length || output.Length < input.Length)
        {
            throw new ArgumentException("Input, noise estimate and output must have the same length.");
        }

        if (gainLut.Length < GainLutLength)
        {
            throw new ArgumentException($"The gain table needs {GainLutLength} entries.", nameof(gainLut));
        }

        for (int i = 0; i < input.Length; i++)
        {
            uint gain = (uint)WideDynamicFunction(noiseEstimate[i], gainLut);
            uint snr = (uint)(((ulong)input[i] * gain) >> options.SnrShift);
            output[i] = Shrink(snr);
        }
    }

    /// <summary>
    /// The gain table TFLM's Python wrapper computes (float32 arithmetic, as its C helper):
    /// <c>gain(x) = 2^gainBits · (x / 2^inputBits + offset)^−strength</c>, sampled at the start, middle and end of
    /// each octave and stored as quadratic coefficients.
    /// </summary>
    public static short[] GainLut(float strength, float offset, int inputBits, int gainBits)
    {
        var lut = new short[GainLutLength + 1];
        lut[0] = Gain(strength, offset, gainBits, inputBits, 0);
        lut[1] = Gain(strength, offset, gainBits, inputBits, 1);
        for (int interval = 2; interval <= LutBits; interval++)
        {
            uint x0 = 1u << (interval - 1);
            uint x1 = x0 + (x0 >> 1);
            uint x2 = interval == LutBits ? x0 + (x0 - 1) : 2 * x0;
            short y0 = Gain(strength, offset, gainBits, inputBits, x0);
            short y1 = Gain(strength, offset, gainBits, inputBits, x1);
            short y2 = Gain(strength, offset, gainBits, inputBits, x2);
            int diff1 = y1 - y0;
            int diff2 = y2 - y0;
            int a1 = (4 * diff1) - diff2;
            int a2 = diff2 - a1;
            int baseIndex = (4 * interval) - 6;
            lut[baseIndex] = y0;
            lut[baseIndex + 1] = (short)a1;
            lut[baseIndex + 2] = (short)a2;
            lut[baseIndex + 3] = 0;
        }

        return lut[..GainLutLength];
    }

    private static short Gain(float strength, float offset, int gainBits, int inputBits, uint x)
    {
        float xAsFloat = (float)x / (1u << inputBits);
        float gain = (1u << gainBits) * MathF.Pow(xAsFloat + offset, -strength);
        return gain > short.MaxValue ? short.MaxValue : (short)(gain + 0.5f);
    }

    // Evaluates the octave's quadratic at the 10-bit fraction of x within its octave.
    private static short WideDynamicFunction(uint x, ReadOnlySpan<short> lut)
    {
        if (x <= 2)
        {
            return lut[(int)x];
        }

        int interval = FixedPointMath.MostSignificantBit32(x);
        ReadOnlySpan<short> coefficients = lut[((4 * interval) - 6)..];
        int frac = (short)((interval < 11 ? x << (11 - interval) : x >> (interval - 11)) & 0x3FF);

        int result = (coefficients[2] * frac) >> 5;
        result += coefficients[1] << 5;
        result *= frac;
        result = (result + (1 << 14)) >> 15;
        result += coefficients[0];
        return (short)result;
    }

    private static uint Shrink(uint x)
    {
        if (x < (2u << SnrBits))
        {
            return (x * x) >> (2 + (2 * SnrBits) - OutputBits);
        }

        return (x >> (SnrBits - OutputBits)) - (1u << OutputBits);
    }
}

namespace Mote.Data.Audio;

/// <summary>
/// Band-limited sample-rate conversion by a Hann-windowed sinc kernel: each output sample is a weighted sum of the
/// input samples within <see cref="HalfWidth"/> periods of the lower rate around its position. When the rate goes
/// down, the kernel's cutoff moves to <see cref="CutoffFraction"/> of the new Nyquist frequency so nothing aliases.
/// </summary>
public static class Resampler
{
    /// <summary>Kernel half-width in periods of the lower of the two rates.</summary>
    public const int HalfWidth = 16;

    /// <summary>Passband edge as a fraction of the lower Nyquist frequency; the window's roll-off takes the rest.</summary>
    public const double CutoffFraction = 0.92;

    public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate)
        {
            return input.ToArray();
        }

        var outputLength = (int)((long)input.Length * toRate / fromRate);
        var output = new float[outputLength];

        // Work in input-sample units: the cutoff is a fraction of the input's Nyquist frequency.
        var cutoff = CutoffFraction * Math.Min(1.0, (double)toRate / fromRate);
        var reach = HalfWidth / cutoff;
        var step = (double)fromRate / toRate;
        for (var n = 0; n < outputLength; n++)
        {
            var centre = n * step;
            var first = Math.Max(0, (int)Math.Ceiling(centre - reach));
            var last = Math.Min(input.Length - 1, (int)Math.Floor(centre + reach));
            var sum = 0.0;
            for (var k = first; k <= last; k++)
            {
                var t = k - centre;
                var window = 0.5 + (0.5 * Math.Cos(Math.PI * t / reach));
                sum += input[k] * cutoff * Sinc(cutoff * t) * window;
            }

            output[n] = (float)sum;
        }

        return output;
    }

    private static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
}

using System.Numerics.Tensors;

namespace Mote.Dsp.Vibration;

/// <summary>A frequency band [<see cref="LowHz"/>, <see cref="HighHz"/>).</summary>
public readonly record struct FrequencyBand(double LowHz, double HighHz);

/// <summary>
/// Condition-monitoring statistics of a vibration (or any) signal frame, computed in double precision.
/// </summary>
public static class VibrationFeatures
{
    /// <summary>Root mean square, <c>√(Σx² / N)</c>.</summary>
    public static double Rms(ReadOnlySpan<float> signal)
    {
        RequireSamples(signal);
        double sum = 0;
        foreach (float x in signal)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum / signal.Length);
    }

    /// <summary>Largest magnitude, <c>max |x|</c>.</summary>
    public static double Peak(ReadOnlySpan<float> signal)
    {
        RequireSamples(signal);
        return Math.Abs(TensorPrimitives.MaxMagnitude(signal));
    }

    /// <summary>Peak over RMS (√2 for a sine, larger for impulsive signals); 0 for a silent frame.</summary>
    public static double CrestFactor(ReadOnlySpan<float> signal)
    {
        double rms = Rms(signal);
        return rms == 0 ? 0 : Peak(signal) / rms;
    }

    /// <summary>
    /// Pearson kurtosis <c>E[(x − μ)⁴] / σ⁴</c> (not the excess: 3 for Gaussian noise, 1.5 for a sine, large for
    /// bearing impacts); 0 for a constant frame.
    /// </summary>
    public static double Kurtosis(ReadOnlySpan<float> signal)
    {
        RequireSamples(signal);
        double mean = 0;
        foreach (float x in signal)
        {
            mean += x;
        }

        mean /= signal.Length;
        double m2 = 0;
        double m4 = 0;
        foreach (float x in signal)
        {
            double d = x - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }

        m2 /= signal.Length;
        m4 /= signal.Length;
        return m2 == 0 ? 0 : m4 / (m2 * m2);
    }

    /// <summary>
    /// Mean-square power in each band from the one-sided periodogram of the whole frame (no window), scaled so
    /// that the bands covering 0 … Nyquist sum to <c>mean(x²)</c> (Parseval): a sine of amplitude A in a band
    /// contributes A²/2. The frame length must be a power of two.
    /// </summary>
    public static double[] BandPowers(ReadOnlySpan<float> signal, int sampleRate, ReadOnlySpan<FrequencyBand> bands)
    {
        RequireSamples(signal);
        var fft = new RealFft(signal.Length);
        var power = new float[fft.BinCount];
        fft.Power(signal, power);

        int n = signal.Length;
        var result = new double[bands.Length];
        for (int b = 0; b < bands.Length; b++)
        {
            for (int k = 0; k < power.Length; k++)
            {
                double hz = (double)k * sampleRate / n;
                if (hz >= bands[b].LowHz && hz < bands[b].HighHz)
                {
                    bool edge = k == 0 || k == n / 2;
                    result[b] += power[k] * (edge ? 1.0 : 2.0) / ((double)n * n);
                }
            }
        }

        return result;
    }

    private static void RequireSamples(ReadOnlySpan<float> signal)
    {
        if (signal.IsEmpty)
        {
            throw new ArgumentException("The signal has no samples.", nameof(signal));
        }
    }
}

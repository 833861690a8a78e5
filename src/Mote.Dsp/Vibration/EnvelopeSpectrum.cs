namespace Mote.Dsp.Vibration;

/// <summary>
/// The envelope spectrum used to find bearing and gear fault frequencies: the magnitude of the analytic signal
/// (Hilbert transform) of the mean-removed frame, its own mean removed, then its one-sided amplitude spectrum.
/// Bin k is at <c>k · sampleRate / N</c>; an amplitude modulation <c>(1 + m cos 2πf t)</c> of a carrier shows as
/// amplitude m at f. Computed in double precision; the frame length must be a power of two.
/// </summary>
public static class EnvelopeSpectrum
{
    /// <returns><c>N / 2 + 1</c> amplitudes, DC to Nyquist.</returns>
    public static double[] Compute(ReadOnlySpan<float> signal)
    {
        int n = signal.Length;
        if (n < 2 || !int.IsPow2(n))
        {
            throw new ArgumentException("The envelope spectrum needs a power-of-two frame of at least 2 samples.", nameof(signal));
        }

        double mean = 0;
        foreach (float x in signal)
        {
            mean += x;
        }

        mean /= n;
        var re = new double[n];
        var im = new double[n];
        for (int i = 0; i < n; i++)
        {
            re[i] = signal[i] - mean;
        }

        // Analytic signal: keep DC and Nyquist, double the positive frequencies, drop the negative ones.
        Transform(re, im, inverse: false);
        for (int k = 1; k < n; k++)
        {
            double gain = k < n / 2 ? 2 : k == n / 2 ? 1 : 0;
            re[k] *= gain;
            im[k] *= gain;
        }

        Transform(re, im, inverse: true);
        double envelopeMean = 0;
        for (int i = 0; i < n; i++)
        {
            re[i] = Math.Sqrt((re[i] * re[i]) + (im[i] * im[i])) / n;
            im[i] = 0;
            envelopeMean += re[i];
        }

        envelopeMean /= n;
        for (int i = 0; i < n; i++)
        {
            re[i] -= envelopeMean;
        }

        Transform(re, im, inverse: false);
        var amplitudes = new double[(n / 2) + 1];
        for (int k = 0; k < amplitudes.Length; k++)
        {
            double scale = k == 0 || k == n / 2 ? 1.0 / n : 2.0 / n;
            amplitudes[k] = scale * Math.Sqrt((re[k] * re[k]) + (im[k] * im[k]));
        }

        return amplitudes;
    }

    // In-place radix-2 complex FFT (unscaled in both directions); the envelope needs an inverse transform of a
    // non-Hermitian spectrum, which the real-input RealFft plan does not cover.
    private static void Transform(double[] re, double[] im, bool inverse)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int size = 2; size <= n; size *= 2)
        {
            double angle = (inverse ? 2 : -2) * Math.PI / size;
            for (int start = 0; start < n; start += size)
            {
                for (int j = 0; j < size / 2; j++)
                {
                    double wRe = Math.Cos(angle * j);
                    double wIm = Math.Sin(angle * j);
                    int top = start + j;
                    int bottom = top + (size / 2);
                    double tRe = (re[bottom] * wRe) - (im[bottom] * wIm);
                    double tIm = (re[bottom] * wIm) + (im[bottom] * wRe);
                    re[bottom] = re[top] - tRe;
                    im[bottom] = im[top] - tIm;
                    re[top] += tRe;
                    im[top] += tIm;
                }
            }
        }
    }
}

namespace Mote.Data.Audio;

/// <summary>Background noises for mixing, each with RMS about 1/8 of full scale before any SNR scaling.</summary>
public static class NoiseGenerator
{
    private const float Level = 0.125f;

    /// <summary>Gaussian white noise.</summary>
    public static float[] White(int length, SeededRandom random)
    {
        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = Level * random.NextGaussian();
        }

        return result;
    }

    /// <summary>
    /// Pink (1/f) noise: white noise through Paul Kellet's economy filter, three one-pole sections whose sum is within
    /// ±0.5 dB of a -3 dB/octave slope above ~40 Hz at 16 kHz; scaled to the common level.
    /// </summary>
    public static float[] Pink(int length, SeededRandom random)
    {
        var result = new float[length];
        double b0 = 0, b1 = 0, b2 = 0;
        for (var i = 0; i < length; i++)
        {
            double white = random.NextGaussian();
            b0 = (0.99765 * b0) + (white * 0.0990460);
            b1 = (0.96300 * b1) + (white * 0.2965164);
            b2 = (0.57000 * b2) + (white * 1.0526913);
            result[i] = (float)(b0 + b1 + b2 + (white * 0.1848));
        }

        return Normalized(result);
    }

    /// <summary>
    /// Mains hum: a fundamental of <paramref name="fundamentalHz"/> (50 or 60 Hz) and its odd harmonics up to the
    /// 9th with falling amplitudes and random phases, as a transformer or a ground loop produces.
    /// </summary>
    public static float[] Hum(int length, int sampleRate, float fundamentalHz, SeededRandom random)
    {
        var result = new float[length];
        for (var harmonic = 1; harmonic <= 9; harmonic += 2)
        {
            var amplitude = 1f / harmonic;
            var phase = random.NextSingle() * 2 * MathF.PI;
            var step = 2 * MathF.PI * fundamentalHz * harmonic / sampleRate;
            for (var i = 0; i < length; i++)
            {
                result[i] += amplitude * MathF.Sin((step * i) + phase);
            }
        }

        return Normalized(result);
    }

    private static float[] Normalized(float[] samples)
    {
        var rms = AudioAugmentation.Rms(samples);
        if (rms > 0)
        {
            var scale = Level / rms;
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] *= scale;
            }
        }

        return samples;
    }
}

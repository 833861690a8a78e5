namespace Mote.Data.Audio;

/// <summary>
/// The audio augmentations of keyword spotting, on float samples in [-1, 1): time shift, gain and noise mixing at a
/// signal-to-noise ratio. Each returns a new array of the input's length; none draws random numbers itself, so a
/// caller that draws the parameters from a <see cref="SeededRandom"/> gets the same result for the same seed (as
/// the keyword synthesizer does, one generator per clip).
/// </summary>
public static class AudioAugmentation
{
    /// <summary>
    /// Moves the samples <paramref name="shift"/> positions later (earlier when negative); what moves past either end
    /// is dropped and the gap is silence.
    /// </summary>
    public static float[] TimeShift(ReadOnlySpan<float> samples, int shift) => Place(samples, samples.Length, shift);

    /// <summary>
    /// A window of <paramref name="length"/> samples holding <paramref name="samples"/> from position
    /// <paramref name="offset"/> (negative: the start is cut); the rest is silence.
    /// </summary>
    public static float[] Place(ReadOnlySpan<float> samples, int length, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var result = new float[length];
        var from = Math.Max(0, -offset);
        var to = Math.Max(0, offset);
        var count = Math.Min(samples.Length - from, length - to);
        if (count > 0)
        {
            samples.Slice(from, count).CopyTo(result.AsSpan(to));
        }

        return result;
    }

    public static float[] Gain(ReadOnlySpan<float> samples, float decibels)
    {
        var factor = DecibelsToAmplitude(decibels);
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = samples[i] * factor;
        }

        return result;
    }

    /// <summary>
    /// Adds <paramref name="noise"/> (repeated if shorter) scaled so that the signal's RMS over the noise's RMS is
    /// <paramref name="snrDecibels"/>. A silent signal, or silent noise, comes back unchanged.
    /// </summary>
    public static float[] MixNoise(ReadOnlySpan<float> signal, ReadOnlySpan<float> noise, float snrDecibels)
    {
        var result = signal.ToArray();
        var signalRms = Rms(signal);
        var noiseRms = Rms(noise);
        if (signalRms == 0 || noiseRms == 0)
        {
            return result;
        }

        AddScaled(result, noise, signalRms / (noiseRms * DecibelsToAmplitude(snrDecibels)));
        return result;
    }

    /// <summary>Adds <paramref name="noise"/> (repeated if shorter) times <paramref name="scale"/> into <paramref name="target"/>.</summary>
    public static void AddScaled(Span<float> target, ReadOnlySpan<float> noise, float scale)
    {
        if (noise.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < target.Length; i++)
        {
            target[i] += noise[i % noise.Length] * scale;
        }
    }

    public static float Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return (float)Math.Sqrt(sum / samples.Length);
    }

    public static float DecibelsToAmplitude(float decibels) => MathF.Pow(10f, decibels / 20f);
}

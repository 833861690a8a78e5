namespace Mote.Data.Audio;

/// <summary>16-bit PCM samples to and from floats in [-1, 1): the form audio is mixed and augmented in.</summary>
public static class PcmConversion
{
    public const float FullScale = 32768f;

    public static float[] ToFloat(ReadOnlySpan<short> samples)
    {
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = samples[i] / FullScale;
        }

        return result;
    }

    /// <summary>Rounds to the nearest 16-bit value, saturating (a loud mix clips rather than wrapping around).</summary>
    public static short[] ToPcm(ReadOnlySpan<float> samples)
    {
        var result = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var scaled = MathF.Round(samples[i] * FullScale);
            result[i] = float.IsNaN(scaled) ? (short)0 : (short)Math.Clamp(scaled, short.MinValue, short.MaxValue);
        }

        return result;
    }
}

using Mote.Data.Audio;

namespace Mote.Data.Tests.Audio;

public sealed class AudioAugmentationTests
{
    [Fact]
    public void Time_shift_moves_samples_and_fills_with_silence()
    {
        float[] samples = [1, 2, 3, 4, 5];

        Assert.Equal([0, 0, 1, 2, 3], AudioAugmentation.TimeShift(samples, 2));
        Assert.Equal([3, 4, 5, 0, 0], AudioAugmentation.TimeShift(samples, -2));
        Assert.Equal([0, 0, 0, 0, 0], AudioAugmentation.TimeShift(samples, 7));
    }

    [Fact]
    public void Place_puts_a_word_into_a_longer_window_and_cuts_what_overhangs()
    {
        Assert.Equal([0, 7, 8, 0], AudioAugmentation.Place([7, 8], 4, 1));
        Assert.Equal([8, 9, 0, 0], AudioAugmentation.Place([7, 8, 9], 4, -1));
        Assert.Equal([0, 0, 0, 7], AudioAugmentation.Place([7, 8, 9], 4, 3));
    }

    [Fact]
    public void Six_decibels_of_gain_doubles_the_amplitude()
    {
        var louder = AudioAugmentation.Gain([0.25f, -0.1f], 20 * MathF.Log10(2));

        Assert.Equal(0.5f, louder[0], 1e-6f);
        Assert.Equal(-0.2f, louder[1], 1e-6f);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(10f)]
    [InlineData(30f)]
    public void Noise_is_mixed_at_the_requested_signal_to_noise_ratio(float snr)
    {
        var signal = Enumerable.Range(0, 4000).Select(i => 0.3f * MathF.Sin(i * 0.05f)).ToArray();
        var noise = NoiseGenerator.White(1000, new SeededRandom(3));

        var mixed = AudioAugmentation.MixNoise(signal, noise, snr);

        var added = mixed.Zip(signal, (m, s) => m - s).ToArray();
        var measured = 20 * MathF.Log10(AudioAugmentation.Rms(signal) / AudioAugmentation.Rms(added));
        Assert.Equal(snr, measured, 0.01f);
    }

    [Fact]
    public void Silent_signal_or_noise_leaves_the_signal_unchanged()
    {
        Assert.Equal([0f, 0f], AudioAugmentation.MixNoise([0, 0], [1, -1], 10));
        Assert.Equal([0.5f, 0.25f], AudioAugmentation.MixNoise([0.5f, 0.25f], [0, 0], 10));
    }

    [Fact]
    public void Pcm_conversion_saturates_instead_of_wrapping()
    {
        Assert.Equal(new short[] { short.MaxValue, short.MinValue, 16384, 0 }, PcmConversion.ToPcm([1.5f, -2f, 0.5f, float.NaN]));
        Assert.Equal([-1f, 0.5f], PcmConversion.ToFloat([short.MinValue, 16384]));
    }
}

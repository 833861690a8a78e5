using Mote.Data.Audio;

namespace Mote.Data.Tests.Audio;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(22050, 16000, 1000.0)]
    [InlineData(22050, 16000, 6000.0)]
    [InlineData(8000, 16000, 440.0)]
    public void A_tone_in_the_passband_keeps_its_frequency_and_amplitude(int from, int to, double hz)
    {
        var input = Tone(from, hz, from);

        var output = Resampler.Resample(input, from, to);

        Assert.Equal(to, output.Length);

        // Away from the edges (where the kernel runs out of input) the result is the tone sampled at the new rate.
        for (var n = to / 10; n < to * 9 / 10; n++)
        {
            Assert.Equal(0.5 * Math.Sin(2 * Math.PI * hz * n / to), output[n], 0.01);
        }
    }

    [Fact]
    public void A_tone_above_the_new_nyquist_frequency_is_removed_not_aliased()
    {
        // 10 kHz sampled at 16 kHz would alias to 6 kHz.
        var output = Resampler.Resample(Tone(22050, 10_000, 22050), 22050, 16000);

        var interior = output[1600..14400];
        Assert.True(AudioAugmentation.Rms(interior) < 0.5 / Math.Sqrt(2) / 100, $"RMS {AudioAugmentation.Rms(interior)}: less than 40 dB of attenuation");
    }

    private static float[] Tone(int rate, double hz, int length) =>
        [.. Enumerable.Range(0, length).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * hz * n / rate)))];
}

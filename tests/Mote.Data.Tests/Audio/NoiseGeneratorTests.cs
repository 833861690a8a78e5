using Mote.Data.Audio;

namespace Mote.Data.Tests.Audio;

public sealed class NoiseGeneratorTests
{
    [Fact]
    public void Noises_are_deterministic_for_a_seed_and_at_the_common_level()
    {
        Assert.Equal(NoiseGenerator.Pink(5000, new SeededRandom(9)), NoiseGenerator.Pink(5000, new SeededRandom(9)));
        Assert.NotEqual(NoiseGenerator.White(100, new SeededRandom(9)), NoiseGenerator.White(100, new SeededRandom(10)));
        Assert.Equal(0.125f, AudioAugmentation.Rms(NoiseGenerator.White(100_000, new SeededRandom(1))), 0.002f);
        Assert.Equal(0.125f, AudioAugmentation.Rms(NoiseGenerator.Pink(16000, new SeededRandom(1))), 1e-4f);
        Assert.Equal(0.125f, AudioAugmentation.Rms(NoiseGenerator.Hum(16000, 16000, 50, new SeededRandom(1))), 1e-4f);
    }

    [Fact]
    public void Hum_repeats_every_period_of_the_mains_frequency()
    {
        var hum = NoiseGenerator.Hum(1000, 16000, 50, new SeededRandom(2));

        // 50 Hz at 16 kHz: a period of 320 samples.
        for (var i = 0; i < 600; i++)
        {
            Assert.Equal(hum[i], hum[i + 320], 1e-4f);
        }
    }

    [Fact]
    public void Pink_noise_falls_about_three_decibels_per_octave()
    {
        var pink = NoiseGenerator.Pink(1 << 16, new SeededRandom(4));

        // Power between f and 2f is the same in every octave for 1/f noise, so the power per hertz halves.
        var low = BandPowerPerHertz(pink, 250, 500);
        var high = BandPowerPerHertz(pink, 2000, 4000);
        var slope = 10 * Math.Log10(high / low) / 3;
        Assert.InRange(slope, -3.6, -2.4);
    }

    /// <summary>Mean power per hertz between two frequencies, by a direct DFT of 4096-sample blocks at 16 kHz.</summary>
    private static double BandPowerPerHertz(float[] samples, double fromHz, double toHz)
    {
        const int Block = 4096;
        const double Rate = 16000;
        var first = (int)(fromHz * Block / Rate);
        var last = (int)(toHz * Block / Rate);
        var total = 0.0;
        for (var start = 0; start + Block <= samples.Length; start += Block)
        {
            for (var k = first; k < last; k++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < Block; n++)
                {
                    var angle = 2 * Math.PI * k * n / Block;
                    re += samples[start + n] * Math.Cos(angle);
                    im -= samples[start + n] * Math.Sin(angle);
                }

                total += (re * re) + (im * im);
            }
        }

        return total / (last - first);
    }
}

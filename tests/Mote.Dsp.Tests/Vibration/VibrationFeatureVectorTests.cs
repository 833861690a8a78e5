using Mote.Dsp.Vibration;

namespace Mote.Dsp.Tests.Vibration;

public sealed class VibrationFeatureVectorTests
{
    private const int SampleRate = 12_800;
    private const int Samples = 4096;

    private static readonly VibrationFeatureVector s_features = new(SampleRate, Samples, channels: 2);

    [Fact]
    public void Layout_is_statistics_then_spectrum_bands_then_envelope_bands_per_channel()
    {
        Assert.Equal(3 + VibrationFeatureVector.SpectrumBands + VibrationFeatureVector.EnvelopeBands, s_features.FeaturesPerChannel);
        Assert.Equal(2 * s_features.FeaturesPerChannel, s_features.Length);
    }

    [Fact]
    public void A_tone_gives_log_rms_log_crest_log_kurtosis_and_its_power_in_one_band()
    {
        float[] tone = [.. Enumerable.Range(0, Samples).Select(i => (float)(2 * Math.Sin(2 * Math.PI * 100 * i / SampleRate)))];
        float[] silence = new float[Samples];

        var features = s_features.Compute([tone, silence]);

        Assert.Equal(Math.Log10(Math.Sqrt(2)), features[0], 1e-4);
        Assert.Equal(Math.Log10(Math.Sqrt(2)), features[1], 1e-4);
        Assert.Equal(Math.Log10(1.5), features[2], 1e-3);

        // Power A²/2 = 2 lands in the band holding 100 Hz; every other spectrum band is far below it.
        var spectrum = features.AsSpan(3, VibrationFeatureVector.SpectrumBands).ToArray();
        var loudest = Array.IndexOf(spectrum, spectrum.Max());
        Assert.Equal(Math.Log10(2), spectrum[loudest], 0.05);
        Assert.All(spectrum.Where((_, b) => b != loudest && Math.Abs(b - loudest) > 1), p => Assert.True(p < spectrum[loudest] - 3));

        // A silent channel maps to the floor, not to -infinity.
        Assert.All(features.AsSpan(s_features.FeaturesPerChannel).ToArray(), f => Assert.True(float.IsFinite(f) && f <= -11));
    }

    [Fact]
    public void Periodic_impacts_on_a_resonance_raise_the_envelope_band_of_their_rate()
    {
        var random = new Random(3);
        float[] noise = [.. Enumerable.Range(0, Samples).Select(_ => (float)(0.01 * (random.NextDouble() - 0.5)))];
        float[] impacts = (float[])noise.Clone();
        double rateHz = 100;
        for (double t = 0; t < (double)Samples / SampleRate; t += 1 / rateHz)
        {
            int start = (int)(t * SampleRate);
            for (int j = 0; j < 200 && start + j < Samples; j++)
            {
                double s = (double)j / SampleRate;
                impacts[start + j] += (float)(Math.Exp(-900 * s) * Math.Sin(2 * Math.PI * 3000 * s));
            }
        }

        var quiet = s_features.Compute([noise, noise]);
        var struck = s_features.Compute([impacts, impacts]);

        // Envelope bands span 8 … 800 Hz in equal ratios: 100 Hz falls in band floor(16·log(100/8)/log(100)).
        int band = (int)Math.Floor(VibrationFeatureVector.EnvelopeBands * Math.Log(100.0 / 8) / Math.Log(100));
        int offset = 3 + VibrationFeatureVector.SpectrumBands;
        Assert.True(struck[offset + band] > quiet[offset + band] + 2);
        Assert.True(struck[2] > quiet[2]);
    }

    [Fact]
    public void Wrong_channel_counts_or_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => s_features.Compute([new float[Samples]]));
        Assert.Throws<ArgumentException>(() => s_features.Compute([new float[Samples], new float[100]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VibrationFeatureVector(SampleRate, 1000, 1));
    }
}

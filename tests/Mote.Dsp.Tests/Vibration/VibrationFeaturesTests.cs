using Mote.Dsp.Vibration;

namespace Mote.Dsp.Tests.Vibration;

public sealed class VibrationFeaturesTests
{
    private const int SampleRate = 8192;

    [Fact]
    public void A_sine_has_the_textbook_statistics()
    {
        float[] sine = Tone(amplitude: 2, hz: 100, n: 8192);

        Assert.Equal(2 / Math.Sqrt(2), VibrationFeatures.Rms(sine), 1e-5);
        Assert.Equal(2, VibrationFeatures.Peak(sine), 1e-5);
        Assert.Equal(Math.Sqrt(2), VibrationFeatures.CrestFactor(sine), 1e-5);
        Assert.Equal(1.5, VibrationFeatures.Kurtosis(sine), 1e-4);
    }

    [Fact]
    public void Gaussian_noise_has_kurtosis_three_and_impulses_raise_it()
    {
        var random = new Random(11);
        float[] noise = [.. Enumerable.Range(0, 200_000).Select(_ => (float)Gaussian(random))];

        Assert.Equal(3.0, VibrationFeatures.Kurtosis(noise), 0.1);

        float[] impacts = (float[])noise.Clone();
        for (int i = 0; i < impacts.Length; i += 5000)
        {
            impacts[i] += 30;
        }

        Assert.True(VibrationFeatures.Kurtosis(impacts) > 10);
        Assert.True(VibrationFeatures.CrestFactor(impacts) > VibrationFeatures.CrestFactor(noise));
    }

    [Fact]
    public void Band_powers_put_each_tone_in_its_band_and_sum_to_the_mean_square()
    {
        // Bin-centred tones (1 Hz bins): 50 Hz at amplitude 1, 1000 Hz at amplitude 0.5, plus a 0.25 offset.
        float[] signal = [.. Tone(1, 50, SampleRate).Zip(Tone(0.5, 1000, SampleRate), (a, b) => a + b + 0.25f)];
        FrequencyBand[] bands = [new(0, 10), new(10, 500), new(500, 2000), new(2000, SampleRate)];

        double[] powers = VibrationFeatures.BandPowers(signal, SampleRate, bands);

        Assert.Equal(0.0625, powers[0], 1e-5); // DC: 0.25²
        Assert.Equal(0.5, powers[1], 1e-5);    // 1² / 2
        Assert.Equal(0.125, powers[2], 1e-5);  // 0.5² / 2
        Assert.Equal(0, powers[3], 1e-5);
        double meanSquare = signal.Sum(x => (double)x * x) / signal.Length;
        Assert.Equal(meanSquare, powers.Sum(), 1e-5);
    }

    [Fact]
    public void The_envelope_spectrum_finds_the_modulation_frequency()
    {
        // A 2 kHz carrier modulated at 37 Hz with depth 0.4: a bearing-fault-like signature.
        var signal = new float[SampleRate];
        for (int i = 0; i < signal.Length; i++)
        {
            double t = (double)i / SampleRate;
            signal[i] = (float)((1 + (0.4 * Math.Cos(2 * Math.PI * 37 * t))) * Math.Cos(2 * Math.PI * 2000 * t));
        }

        double[] spectrum = EnvelopeSpectrum.Compute(signal);

        Assert.Equal(37, Array.IndexOf(spectrum, spectrum.Max()));
        Assert.Equal(0.4, spectrum[37], 1e-4);
        Assert.True(spectrum.Where((_, k) => k != 37).Max() < 1e-4);
    }

    private static float[] Tone(double amplitude, double hz, int n) =>
        [.. Enumerable.Range(0, n).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / SampleRate)))];

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

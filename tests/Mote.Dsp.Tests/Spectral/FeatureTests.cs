namespace Mote.Dsp.Tests.Spectral;

/// <summary>Log-mel and MFCC against the independent float64 pipeline: the acceptance bar of 1e-4.</summary>
public sealed class FeatureTests
{
    public static TheoryData<LogMelFrontEnd> Configurations => new()
    {
        new LogMelFrontEnd(),
        new LogMelFrontEnd { Scale = MelScale.Slaney, SlaneyNormalize = true, Window = WindowKind.Hamming },
        new LogMelFrontEnd { MfccCount = 13 },
        new LogMelFrontEnd { MfccCount = 20, Scale = MelScale.Slaney, MelCount = 64, FftLength = 1024, WindowLength = 1024, Stride = 512, MinHz = 0, MaxHz = 8000 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Features_agree_with_float64_within_1e4(LogMelFrontEnd config)
    {
        float[] audio = Float64Reference.Chirp();

        float[] actual = config.Compute(audio);
        double[] expected = Float64Reference.Features(config, audio);

        Assert.Equal(config.FrameCount(audio.Length) * config.FeatureCount, actual.Length);
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 1e-4, $"largest difference {worst:E2}");
    }

    [Fact]
    public void Dct_of_a_constant_has_only_a_dc_term()
    {
        var dct = new Dct2(8, 8);
        var output = new float[8];

        dct.Apply([2, 2, 2, 2, 2, 2, 2, 2], output);

        Assert.Equal(2 * Math.Sqrt(8), output[0], 1e-5);
        Assert.All(output[1..], c => Assert.Equal(0, c, 1e-5));
    }

    [Fact]
    public void Full_dct_preserves_energy()
    {
        var random = new Random(3);
        float[] x = [.. Enumerable.Range(0, 40).Select(_ => (float)random.NextDouble())];
        var y = new float[40];

        new Dct2(40, 40).Apply(x, y);

        Assert.Equal(x.Sum(v => v * v), y.Sum(v => v * v), 1e-4);
    }

    [Fact]
    public void Deltas_of_a_ramp_are_its_slope_away_from_the_edges()
    {
        // Two dimensions: 3t and −t, over 10 frames.
        float[] features = [.. Enumerable.Range(0, 10).SelectMany(t => new[] { 3f * t, -t })];
        var deltas = new float[features.Length];

        Deltas.Compute(features, dimension: 2, deltas, window: 2);

        for (int t = 2; t < 8; t++)
        {
            Assert.Equal(3, deltas[2 * t], 1e-6);
            Assert.Equal(-1, deltas[(2 * t) + 1], 1e-6);
        }

        // Frame 0 repeats itself behind: (1·(3 − 0) + 2·(6 − 0)) / 10 = 1.5.
        Assert.Equal(1.5, deltas[0], 1e-6);
    }
}

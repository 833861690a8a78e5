namespace Mote.Dsp.Tests.Spectral;

public sealed class RealFftTests
{
    public static TheoryData<int> Sizes => new() { 2, 4, 8, 16, 64, 256, 512, 1024, 4096 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Matches_a_naive_float64_DFT(int n)
    {
        var random = new Random(n);
        float[] x = [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var fft = new RealFft(n);
        var re = new float[fft.BinCount];
        var im = new float[fft.BinCount];

        fft.Forward(x, re, im);
        var (refRe, refIm) = Float64Reference.Dft([.. x.Select(v => (double)v)]);

        // Float rounding grows like √(log N) relative to the spectrum's size, √N for unit-variance input.
        double tolerance = 1e-5 * Math.Sqrt(n);
        for (int k = 0; k < fft.BinCount; k++)
        {
            Assert.InRange(re[k] - refRe[k], -tolerance, tolerance);
            Assert.InRange(im[k] - refIm[k], -tolerance, tolerance);
        }
    }

    [Fact]
    public void Power_is_the_squared_magnitude()
    {
        var fft = new RealFft(512);
        float[] x = [.. Enumerable.Range(0, 512).Select(i => (float)Math.Sin(2 * Math.PI * 32 * i / 512))];
        var power = new float[fft.BinCount];

        fft.Power(x, power);

        // A bin-centred sine of amplitude 1 puts (N/2)² into its bin and nothing elsewhere.
        Assert.Equal(256.0 * 256.0, power[32], 1e-1);
        Assert.All(power.Where((_, k) => k != 32), p => Assert.InRange(p, 0, 1e-6));
    }

    [Fact]
    public void Rejects_lengths_that_are_not_powers_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(480));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(1));
    }
}
